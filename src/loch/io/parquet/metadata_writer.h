#pragma once
// Thrift compact serialisation of the Parquet structures the writer emits
// (parquet.thrift field ids). Inverse of metadata.h's decoders for the
// fields Loch writes.

#include <cstdint>
#include <vector>

#include "loch/io/parquet/metadata.h"

namespace loch::parquet {

std::vector<uint8_t> serializePageHeader(const PageHeader& header);
std::vector<uint8_t> serializeFileMetaDataBytes(const FileMetaData& meta);

}  // namespace loch::parquet
