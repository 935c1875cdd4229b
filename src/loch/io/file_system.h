#pragma once
// The file operations the data sources and writers need, behind an
// interface so object stores (S3) can be added later. Only the local file
// system exists today.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace loch {

/// A file open for positional reads; thread-safe.
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  virtual int64_t size() const = 0;
  /// Reads up to `length` bytes at `offset` into `out`; returns the count
  /// (short only at the end of the file). @throws IOException naming the file.
  virtual int64_t readAt(int64_t offset, int64_t length, char* out) const = 0;
};

/// A new file being written; close() makes it complete.
class OutputFile {
 public:
  virtual ~OutputFile() = default;
  /// @throws IOException naming the file (disk full, ...).
  virtual void write(const void* data, size_t length) = 0;
  virtual void close() = 0;
  virtual int64_t bytesWritten() const = 0;
};

struct FileStatus {
  std::string path;
  bool is_directory = false;
  int64_t size = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// The local file system ("file:" paths and plain paths).
  static std::shared_ptr<FileSystem> local();

  virtual bool exists(const std::string& path) const = 0;
  virtual bool isDirectory(const std::string& path) const = 0;
  /// Entries of a folder (not recursive), sorted by path.
  virtual std::vector<FileStatus> list(const std::string& path) const = 0;
  /// @throws IOException PATH_NOT_FOUND when it does not exist.
  virtual std::unique_ptr<RandomAccessFile> openRead(const std::string& path) const = 0;
  /// Creates (truncates) a file, making missing parent folders.
  virtual std::unique_ptr<OutputFile> create(const std::string& path) const = 0;
  virtual void mkdirs(const std::string& path) const = 0;
  /// Atomic on one local file system (rename(2)); `to` must not exist as a
  /// non-empty folder.
  virtual void rename(const std::string& from, const std::string& to) const = 0;
  /// Removes a file or a folder with its contents; no error if absent.
  virtual void remove(const std::string& path) const = 0;
};

/// Reads a whole byte range [offset, offset+length) of `file`.
std::string readRange(const RandomAccessFile& file, int64_t offset, int64_t length);

}  // namespace loch
