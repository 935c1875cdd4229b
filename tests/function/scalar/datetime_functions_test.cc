#include "loch/common/exception.h"
#include "scalar_test_util.h"

namespace loch::test {
namespace {

Value Dt(const std::string& s) { return Value::date(*parseDate(s)); }
Value Ts(const std::string& s, const std::string& zone = "UTC") {
  return Value::timestamp(*parseTimestamp(s, lookupTimeZone(zone)));
}
Value NullDate() { return Value::null(DateType()); }

TEST(DatetimeFunctions, Fields) {
  EXPECT_EQ(eval1("year", {Dt("2016-07-30")}), "2016");
  EXPECT_EQ(eval1("quarter", {Dt("2016-08-31")}), "3");
  EXPECT_EQ(eval1("month", {Dt("2016-07-30")}), "7");
  EXPECT_EQ(eval1("day", {Dt("2009-07-30")}), "30");
  EXPECT_EQ(eval1Flat("dayofmonth", {Dt("2009-07-30")}), "30");
  EXPECT_EQ(eval1("dayofweek", {Dt("2009-07-30")}), "5");
  EXPECT_EQ(eval1("dayofweek", {Dt("2023-01-01")}), "1");  // a Sunday
  EXPECT_EQ(eval1("weekday", {Dt("2009-07-30")}), "3");
  EXPECT_EQ(eval1("dayofyear", {Dt("2016-04-09")}), "100");
  EXPECT_EQ(eval1("dayofyear", {Dt("2016-12-31")}), "366");
  EXPECT_EQ(eval1("weekofyear", {Dt("2008-02-20")}), "8");
  EXPECT_EQ(eval1("weekofyear", {Dt("2021-01-01")}), "53");  // ISO: belongs to 2020's last week
  EXPECT_EQ(eval1("weekofyear", {Dt("2024-12-30")}), "1");
  EXPECT_EQ(eval1("year", {Dt("1969-12-31")}), "1969");
  EXPECT_EQ(eval1("month", {NullDate()}), "NULL");
  EXPECT_EQ(eval1("hour", {Ts("2009-07-30 12:58:59")}), "12");
  EXPECT_EQ(eval1("minute", {Ts("2009-07-30 12:58:59")}), "58");
  EXPECT_EQ(eval1("second", {Ts("2009-07-30 12:58:59")}), "59");
  // Before the epoch (negative micros).
  EXPECT_EQ(eval1("hour", {Ts("1969-12-31 23:30:00")}), "23");
  // The session zone decides the wall clock.
  EXPECT_EQ(eval1("hour", {Ts("2009-07-30 12:00:00")}, true, "America/Los_Angeles"), "5");
}

TEST(DatetimeFunctions, Arithmetic) {
  EXPECT_EQ(eval1("date_add", {Dt("2016-07-30"), I(1)}), "2016-07-31");
  EXPECT_EQ(eval1("date_sub", {Dt("2016-07-30"), I(1)}), "2016-07-29");
  EXPECT_EQ(eval1("date_add", {Dt("2016-02-28"), I(1)}), "2016-02-29");
  EXPECT_EQ(eval1("datediff", {Dt("2009-07-31"), Dt("2009-07-30")}), "1");
  EXPECT_EQ(eval1("datediff", {Dt("2009-07-30"), Dt("2009-07-31")}), "-1");
  EXPECT_EQ(eval1("add_months", {Dt("2016-08-31"), I(1)}), "2016-09-30");
  EXPECT_EQ(eval1("add_months", {Dt("2016-02-29"), I(12)}), "2017-02-28");
  EXPECT_EQ(eval1("add_months", {Dt("2016-01-31"), I(-2)}), "2015-11-30");
  EXPECT_EQ(eval1("last_day", {Dt("2009-01-12")}), "2009-01-31");
  EXPECT_EQ(eval1("last_day", {Dt("2024-02-01")}), "2024-02-29");
  EXPECT_EQ(eval1("next_day", {Dt("2015-01-14"), S("TU")}), "2015-01-20");
  EXPECT_EQ(eval1("next_day", {Dt("2015-01-14"), S("wednesday")}), "2015-01-21");
  EXPECT_EQ(eval1("next_day", {Dt("2015-01-14"), S("xx")}, false), "NULL");
  try {
    eval1("next_day", {Dt("2015-01-14"), S("xx")});
    FAIL();
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "ILLEGAL_DAY_OF_WEEK");
  }
  EXPECT_EQ(eval1("make_date", {I(2013), I(7), I(15)}), "2013-07-15");
  EXPECT_EQ(eval1("make_date", {I(2019), I(7), NullI()}), "NULL");
  EXPECT_EQ(eval1("make_date", {I(2019), I(2), I(29)}, false), "NULL");
  try {
    eval1("make_date", {I(2019), I(13), I(1)});
    FAIL();
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "DATETIME_FIELD_OUT_OF_BOUNDS");
  }
}

TEST(DatetimeFunctions, MonthsBetween) {
  EXPECT_EQ(eval1("months_between", {Ts("1997-02-28 10:30:00"), Ts("1996-10-30 00:00:00")}), "3.94959677");
  EXPECT_EQ(eval1("months_between", {Ts("1997-02-28 10:30:00"), Ts("1996-10-30 00:00:00"), Value::boolean(false)}),
            "3.9495967741935485");
  // Same day of month or both month ends: whole months, time ignored.
  EXPECT_EQ(eval1("months_between", {Ts("2020-03-31 10:00:00"), Ts("2020-02-29 00:00:00")}), "1.0");
  EXPECT_EQ(eval1("months_between", {Ts("2020-03-15 10:00:00"), Ts("2020-01-15 23:00:00")}), "2.0");
  EXPECT_EQ(eval1("months_between", {Ts("2020-01-01 00:00:00"), Ts("2020-01-02 00:00:00")}), "-0.03225806");
}

TEST(DatetimeFunctions, Trunc) {
  EXPECT_EQ(eval1("date_trunc", {S("YEAR"), Ts("2015-03-05 09:32:05.359")}), "2015-01-01 00:00:00");
  EXPECT_EQ(eval1("date_trunc", {S("MM"), Ts("2015-03-05 09:32:05.359")}), "2015-03-01 00:00:00");
  EXPECT_EQ(eval1("date_trunc", {S("DD"), Ts("2015-03-05 09:32:05.359")}), "2015-03-05 00:00:00");
  EXPECT_EQ(eval1("date_trunc", {S("HOUR"), Ts("2015-03-05 09:32:05.359")}), "2015-03-05 09:00:00");
  EXPECT_EQ(eval1("date_trunc", {S("MILLISECOND"), Ts("2015-03-05 09:32:05.123456")}), "2015-03-05 09:32:05.123");
  EXPECT_EQ(eval1("date_trunc", {S("week"), Ts("2019-08-04 10:00:00")}), "2019-07-29 00:00:00");
  EXPECT_EQ(eval1("date_trunc", {S("quarter"), Ts("2019-08-04 10:00:00")}), "2019-07-01 00:00:00");
  EXPECT_EQ(eval1("date_trunc", {S("bogus"), Ts("2019-08-04 10:00:00")}), "NULL");
  // Truncation happens on the session's wall clock.
  EXPECT_EQ(eval1("date_trunc", {S("DAY"), Ts("2019-08-04 02:00:00", "America/Los_Angeles")}, true, "America/Los_Angeles"),
            "2019-08-04 00:00:00");
  EXPECT_EQ(eval1("trunc", {Dt("2019-08-04"), S("week")}), "2019-07-29");
  EXPECT_EQ(eval1("trunc", {Dt("2019-08-04"), S("quarter")}), "2019-07-01");
  EXPECT_EQ(eval1("trunc", {Dt("2009-02-12"), S("MM")}), "2009-02-01");
  EXPECT_EQ(eval1("trunc", {Dt("2015-10-27"), S("YEAR")}), "2015-01-01");
  EXPECT_EQ(eval1("trunc", {Dt("2015-10-27"), S("DD")}), "NULL");
}

TEST(DatetimeFunctions, DateFormat) {
  EXPECT_EQ(eval1("date_format", {Ts("2016-04-08 00:00:00"), S("y")}), "2016");
  Value t = Ts("2016-04-08 13:05:09.012345");
  EXPECT_EQ(eval1("date_format", {t, S("yyyy-MM-dd HH:mm:ss.SSS")}), "2016-04-08 13:05:09.012");
  EXPECT_EQ(eval1("date_format", {t, S("yy M d H m s SSSSSS")}), "16 4 8 13 5 9 012345");
  EXPECT_EQ(eval1("date_format", {t, S("MMM MMMM EEE EEEE E")}), "Apr April Fri Friday Fri");
  EXPECT_EQ(eval1("date_format", {t, S("hh:mm a D")}), "01:05 PM 99");
  EXPECT_EQ(eval1("date_format", {t, S("'Q'Q 'o''clock' ''")}), "Q2 o'clock '");
  EXPECT_EQ(eval1("date_format", {t, S("z Z XXX X")}), "UTC +0000 Z Z");
  EXPECT_EQ(eval1("date_format", {t, S("z Z XXX")}, true, "America/Los_Angeles"), "PDT -0700 -07:00");
  EXPECT_EQ(eval1("date_format", {Ts("2016-01-08 13:05:09"), S("z")}, true, "America/Los_Angeles"), "PST");
  EXPECT_EQ(eval1("date_format", {t, S("yyyy-MM-dd")}, true, "Asia/Tokyo"), "2016-04-08");
  EXPECT_EQ(eval1("date_format", {Ts("1969-12-31 23:59:59.5"), S("yyyy-MM-dd HH:mm:ss.S")}), "1969-12-31 23:59:59.5");
  EXPECT_EQ(eval1("date_format", {Value::null(TimestampType()), S("y")}), "NULL");
  try {
    eval1("date_format", {t, S("yyyy-ww")});
    FAIL();
  } catch (const InvalidArgumentException& e) {
    EXPECT_EQ(e.errorClass(), "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN");
  }
  EXPECT_THROW(eval1("date_format", {t, S("yyyy-'MM")}), InvalidArgumentException);
  EXPECT_THROW(eval1("date_format", {t, S("A")}), InvalidArgumentException);
}

TEST(DatetimeFunctions, ToDateToTimestamp) {
  EXPECT_EQ(eval1("to_date", {S("2009-07-30 04:17:52")}), "2009-07-30");
  EXPECT_EQ(eval1("to_date", {S("2016-12-31"), S("yyyy-MM-dd")}), "2016-12-31");
  EXPECT_EQ(eval1("to_date", {S("31/12/2016"), S("dd/MM/yyyy")}), "2016-12-31");
  EXPECT_EQ(eval1("to_date", {S("20240229"), S("yyyyMMdd")}), "2024-02-29");
  EXPECT_EQ(eval1("to_date", {S("Feb 29 2024"), S("MMM d yyyy")}), "2024-02-29");
  EXPECT_EQ(eval1("to_timestamp", {S("2016-12-31 00:12:00")}), "2016-12-31 00:12:00");
  EXPECT_EQ(eval1("to_timestamp", {S("2016-12-31"), S("yyyy-MM-dd")}), "2016-12-31 00:00:00");
  EXPECT_EQ(eval1("to_timestamp", {S("12/31/2016 11:05:03.123 PM"), S("MM/dd/yyyy hh:mm:ss.SSS a")}),
            "2016-12-31 23:05:03.123");
  EXPECT_EQ(eval1("to_timestamp", {S("2016-12-31 10:00 +02:00"), S("yyyy-MM-dd HH:mm XXX")}), "2016-12-31 08:00:00");
  EXPECT_EQ(eval1("to_timestamp", {S("12:30"), S("HH:mm")}), "1970-01-01 12:30:00");
  // Legacy mode: invalid strings give NULL.
  EXPECT_EQ(eval1("to_date", {S("2023-02-30"), S("yyyy-MM-dd")}, false), "NULL");
  EXPECT_EQ(eval1("to_date", {S("2023-2-3"), S("yyyy-MM-dd")}, false), "NULL");
  EXPECT_EQ(eval1("to_date", {S("abc")}, false), "NULL");
  EXPECT_EQ(eval1("to_timestamp", {S("2016-12-31 xx"), S("yyyy-MM-dd")}, false), "NULL");
  // ANSI mode: errors.
  try {
    eval1("to_date", {S("2023-02-30"), S("yyyy-MM-dd")});
    FAIL();
  } catch (const CastException& e) {
    EXPECT_EQ(e.errorClass(), "CANNOT_PARSE_TIMESTAMP");
    EXPECT_NE(e.message().find("2023-02-30"), std::string::npos);
  }
  try {
    eval1("to_date", {S("abc")});
    FAIL();
  } catch (const CastException& e) {
    EXPECT_EQ(e.errorClass(), "CAST_INVALID_INPUT");
  }
  EXPECT_EQ(eval1("to_date", {NullS()}), "NULL");
  // DST gap in Los Angeles: 02:30 does not exist on 2019-03-10, moves forward.
  EXPECT_EQ(eval1("to_timestamp", {S("2019-03-10 02:30:00"), S("yyyy-MM-dd HH:mm:ss")}, true, "America/Los_Angeles"),
            "2019-03-10 03:30:00");
  EXPECT_EQ(eval1("date", {S("2020-01-02")}), "2020-01-02");
  // A timestamp argument is cast to DATE by the analyzer (session zone).
  auto f = bindOn("to_date", {Vector::makeConstant(Ts("2020-01-02 23:00:00"), 1)});
  EXPECT_EQ(f.arg_types[0]->sql(), "DATE");
  EXPECT_EQ(f.return_type->sql(), "DATE");
}

TEST(DatetimeFunctions, UnixTime) {
  EXPECT_EQ(eval1("unix_timestamp", {S("2016-04-08"), S("yyyy-MM-dd")}), "1460073600");
  EXPECT_EQ(eval1("unix_timestamp", {S("2016-04-08"), S("yyyy-MM-dd")}, true, "America/Los_Angeles"), "1460098800");
  EXPECT_EQ(eval1("unix_timestamp", {S("2016-04-08 01:02:03")}), "1460077323");
  EXPECT_EQ(eval1("unix_timestamp", {S("nope")}, false), "NULL");
  EXPECT_EQ(eval1("unix_timestamp", {Ts("1969-12-31 23:59:59.5")}), "-1");
  EXPECT_EQ(eval1("unix_timestamp", {}), "1700000000");
  EXPECT_EQ(eval1("from_unixtime", {L(0), S("yyyy-MM-dd HH:mm:ss")}), "1970-01-01 00:00:00");
  EXPECT_EQ(eval1("from_unixtime", {L(0)}, true, "America/Los_Angeles"), "1969-12-31 16:00:00");
  EXPECT_EQ(eval1("from_unixtime", {L(-1)}), "1969-12-31 23:59:59");
  EXPECT_EQ(eval1("timestamp_seconds", {L(1230219000)}), "2008-12-25 15:30:00");
  EXPECT_EQ(eval1("timestamp_seconds", {D(1230219000.123)}), "2008-12-25 15:30:00.123");
  EXPECT_EQ(eval1("timestamp_millis", {L(1230219000123)}), "2008-12-25 15:30:00.123");
  EXPECT_EQ(eval1("timestamp_micros", {L(1230219000123123)}), "2008-12-25 15:30:00.123123");
  EXPECT_EQ(eval1("unix_seconds", {Ts("1970-01-01 00:00:01")}), "1");
  EXPECT_EQ(eval1("unix_millis", {Ts("1970-01-01 00:00:01")}), "1000");
  EXPECT_EQ(eval1("unix_micros", {Ts("1969-12-31 23:59:59.999999")}), "-1");
  EXPECT_EQ(eval1("unix_seconds", {Ts("1969-12-31 23:59:59.999999")}), "-1");
  EXPECT_EQ(eval1("unix_date", {Dt("1970-01-02")}), "1");
  EXPECT_EQ(eval1("date_from_unix_date", {I(1)}), "1970-01-02");
  EXPECT_THROW(eval1("timestamp_seconds", {L(INT64_MAX / 10)}), ArithmeticException);
}

TEST(DatetimeFunctions, CurrentAndZones) {
  EXPECT_EQ(eval1("current_timestamp", {}), "2023-11-14 22:13:20.123456");
  EXPECT_EQ(eval1("now", {}), "2023-11-14 22:13:20.123456");
  EXPECT_EQ(eval1("current_date", {}), "2023-11-14");
  EXPECT_EQ(eval1("current_date", {}, true, "Asia/Tokyo"), "2023-11-15");
  EXPECT_EQ(eval1("current_timezone", {}, true, "Asia/Tokyo"), "Asia/Tokyo");
  EXPECT_EQ(eval1("from_utc_timestamp", {Ts("2016-08-31 00:00:00"), S("Asia/Seoul")}), "2016-08-31 09:00:00");
  EXPECT_EQ(eval1("to_utc_timestamp", {Ts("2016-08-31 00:00:00"), S("Asia/Seoul")}), "2016-08-30 15:00:00");
}

TEST(DatetimeFunctions, ManyRows) {
  const int n = 4000;
  std::vector<Value> days;
  for (int i = 0; i < n; ++i) days.push_back(i % 11 == 0 ? NullDate() : Value::date(i * 37 - 50000));
  auto v = Vector::fromValues(DateType(), days);
  auto years = run("year", {v});
  auto added = run("add_months", {v, Vector::makeConstant(I(1), n)});
  for (int i = 0; i < n; ++i) {
    if (i % 11 == 0) {
      EXPECT_TRUE(years->isNull(i));
      EXPECT_TRUE(added->isNull(i));
      continue;
    }
    CivilDate c = civilFromDays(i * 37 - 50000);
    ASSERT_EQ(years->getValue(i).getLong(), c.year);
    CivilDate a = civilFromDays(static_cast<int32_t>(added->getValue(i).getLong()));
    ASSERT_EQ((a.year * 12 + a.month) - (c.year * 12 + c.month), 1);
  }
}

}  // namespace
}  // namespace loch::test
