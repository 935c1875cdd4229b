#include "loch/io/file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "loch/common/exception.h"
#include "loch/io/file_index.h"

namespace loch {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void throwErrno(const std::string& what, const std::string& path) {
  throw IOException("FILE_IO_ERROR", what + " file:" + path + ": " + std::strerror(errno));
}

class LocalFile : public RandomAccessFile {
 public:
  LocalFile(std::string path, int fd, int64_t size) : path_(std::move(path)), fd_(fd), size_(size) {}
  ~LocalFile() override { ::close(fd_); }
  int64_t size() const override { return size_; }
  int64_t readAt(int64_t offset, int64_t length, char* out) const override {
    int64_t done = 0;
    while (done < length) {
      ssize_t n = ::pread(fd_, out + done, static_cast<size_t>(length - done), offset + done);
      if (n < 0) {
        if (errno == EINTR) continue;
        throwErrno("Cannot read", path_);
      }
      if (n == 0) break;
      done += n;
    }
    return done;
  }

 private:
  std::string path_;
  int fd_;
  int64_t size_;
};

class LocalOutput : public OutputFile {
 public:
  LocalOutput(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~LocalOutput() override {
    if (fd_ >= 0) ::close(fd_);
  }
  void write(const void* data, size_t length) override {
    const char* p = static_cast<const char*>(data);
    while (length > 0) {
      ssize_t n = ::write(fd_, p, length);
      if (n < 0) {
        if (errno == EINTR) continue;
        throwErrno("Cannot write", path_);
      }
      p += n;
      length -= static_cast<size_t>(n);
      written_ += n;
    }
  }
  void close() override {
    if (fd_ >= 0 && ::close(fd_) != 0) {
      fd_ = -1;
      throwErrno("Cannot close", path_);
    }
    fd_ = -1;
  }
  int64_t bytesWritten() const override { return written_; }

 private:
  std::string path_;
  int fd_;
  int64_t written_ = 0;
};

class LocalFileSystem : public FileSystem {
 public:
  bool exists(const std::string& path) const override {
    std::error_code ec;
    return fs::exists(localPath(path), ec);
  }
  bool isDirectory(const std::string& path) const override {
    std::error_code ec;
    return fs::is_directory(localPath(path), ec);
  }
  std::vector<FileStatus> list(const std::string& path) const override {
    std::vector<FileStatus> out;
    std::error_code ec;
    for (fs::directory_iterator it(localPath(path), ec), end; !ec && it != end; it.increment(ec)) {
      FileStatus s;
      s.path = it->path().string();
      std::error_code e2;
      s.is_directory = it->is_directory(e2);
      s.size = s.is_directory ? 0 : static_cast<int64_t>(it->file_size(e2));
      out.push_back(std::move(s));
    }
    if (ec) throw IOException("FILE_IO_ERROR", "Cannot list file:" + path + ": " + ec.message());
    std::sort(out.begin(), out.end(), [](const FileStatus& a, const FileStatus& b) { return a.path < b.path; });
    return out;
  }
  std::unique_ptr<RandomAccessFile> openRead(const std::string& raw) const override {
    std::string path = localPath(raw);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) throw IOException("PATH_NOT_FOUND", "Path does not exist: file:" + path + ".");
      throwErrno("Cannot open", path);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      ::close(fd);
      throwErrno("Cannot stat", path);
    }
    return std::make_unique<LocalFile>(path, fd, static_cast<int64_t>(st.st_size));
  }
  std::unique_ptr<OutputFile> create(const std::string& raw) const override {
    std::string path = localPath(raw);
    auto parent = fs::path(path).parent_path();
    if (!parent.empty()) mkdirs(parent.string());
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throwErrno("Cannot create", path);
    return std::make_unique<LocalOutput>(path, fd);
  }
  void mkdirs(const std::string& path) const override {
    std::error_code ec;
    fs::create_directories(localPath(path), ec);
    if (ec) throw IOException("FILE_IO_ERROR", "Cannot create folder file:" + path + ": " + ec.message());
  }
  void rename(const std::string& from, const std::string& to) const override {
    if (::rename(localPath(from).c_str(), localPath(to).c_str()) != 0) {
      throw IOException("FILE_IO_ERROR",
                        "Cannot rename file:" + from + " to file:" + to + ": " + std::strerror(errno));
    }
  }
  void remove(const std::string& path) const override {
    std::error_code ec;
    fs::remove_all(localPath(path), ec);
    if (ec) throw IOException("FILE_IO_ERROR", "Cannot remove file:" + path + ": " + ec.message());
  }
};

}  // namespace

std::shared_ptr<FileSystem> FileSystem::local() {
  static auto instance = std::make_shared<LocalFileSystem>();
  return instance;
}

std::string readRange(const RandomAccessFile& file, int64_t offset, int64_t length) {
  std::string out(static_cast<size_t>(std::max<int64_t>(0, length)), '\0');
  int64_t n = file.readAt(offset, length, out.data());
  out.resize(static_cast<size_t>(n));
  return out;
}

}  // namespace loch
