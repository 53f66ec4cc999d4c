#include "thrift_compact.h"

#include <cstring>
#include <stdexcept>

namespace strata::thrift {
namespace {

std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size, const ReadLimits& limits)
      : p_(data), begin_(data), end_(data + size), limits_(limits) {}
  std::size_t consumed() const { return static_cast<std::size_t>(p_ - begin_); }

  // `depth`: the containers (structs, lists, sets, maps) around this one.
  Value readStructValue(int depth) {
    enter(depth);
    countValue();
    Value v;
    v.type = kStruct;
    std::int16_t last = 0;
    for (;;) {
      const std::uint8_t header = byte();
      const Type type = static_cast<Type>(header & 0x0f);
      if (type == kStop) break;
      const int delta = header >> 4;
      const std::int16_t id = delta ? static_cast<std::int16_t>(last + delta)
                                    : static_cast<std::int16_t>(unzigzag(varint()));
      last = id;
      Value field;
      if (type == kTrue || type == kFalse) {
        countValue();
        field.type = kTrue;
        field.integer = type == kTrue;
      } else {
        field = readValue(type, depth + 1);
      }
      field.id = id;
      v.elements.push_back(std::move(field));
    }
    return v;
  }

 private:
  // Recursion is bounded for every container, not only structs: 50,000 nested lists in a 50 KB
  // footer would otherwise overflow the stack.
  void enter(int depth) const {
    if (depth > limits_.maxDepth)
      fail("nests containers more than " + std::to_string(limits_.maxDepth) + " deep");
  }
  // Fails before `count` more values would pass the bound (before reserving room for them).
  void expectValues(std::uint64_t count) const {
    if (count > limits_.maxValues - values_)
      fail("holds more than " + std::to_string(limits_.maxValues) + " values");
  }
  void countValue() {
    expectValues(1);
    ++values_;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(std::string("Thrift compact data ") + what + " at byte " +
                             std::to_string(consumed()));
  }
  std::uint8_t byte() {
    if (p_ >= end_) fail("ends early");
    return *p_++;
  }
  std::uint64_t varint() {
    std::uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const std::uint8_t b = byte();
      result |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
    }
    fail("has an over-long varint");
  }
  std::size_t length() {
    const std::uint64_t n = varint();
    if (n > static_cast<std::uint64_t>(end_ - p_)) fail("declares a length past its end");
    return static_cast<std::size_t>(n);
  }

  Value readValue(Type type, int depth) {
    if (type == kStruct) return readStructValue(depth);
    countValue();
    Value v;
    v.type = type;
    switch (type) {
      case kTrue:
      case kFalse:  // a bool inside a list or map: one byte, 1 is true
        v.type = kTrue;
        v.integer = byte() == kTrue;
        break;
      case kByte:
        v.integer = static_cast<std::int8_t>(byte());
        break;
      case kI16:
      case kI32:
      case kI64:
        v.integer = unzigzag(varint());
        break;
      case kDouble: {
        if (end_ - p_ < 8) fail("ends inside a double");
        std::memcpy(&v.real, p_, 8);
        p_ += 8;
        break;
      }
      case kBinary: {
        const std::size_t n = length();
        v.bytes.assign(reinterpret_cast<const char*>(p_), n);
        p_ += n;
        break;
      }
      case kList:
      case kSet: {
        enter(depth);
        const std::uint8_t header = byte();
        std::uint64_t count = header >> 4;
        if (count == 15) count = varint();
        if (count > static_cast<std::uint64_t>(end_ - p_)) fail("declares more elements than bytes");
        expectValues(count);
        const Type element = static_cast<Type>(header & 0x0f);
        v.elements.reserve(static_cast<std::size_t>(count));
        for (std::uint64_t i = 0; i < count; ++i) v.elements.push_back(readValue(element, depth + 1));
        break;
      }
      case kMap: {
        enter(depth);
        const std::uint64_t count = varint();
        if (count == 0) break;
        if (count > static_cast<std::uint64_t>(end_ - p_)) fail("declares more entries than bytes");
        const std::uint8_t types = byte();
        for (std::uint64_t i = 0; i < count; ++i) {
          v.elements.push_back(readValue(static_cast<Type>(types >> 4), depth + 1));
          v.elements.push_back(readValue(static_cast<Type>(types & 0x0f), depth + 1));
        }
        break;
      }
      default:
        fail("has an unknown type code");
    }
    return v;
  }

  const std::uint8_t* p_;
  const std::uint8_t* begin_;
  const std::uint8_t* end_;
  ReadLimits limits_;
  std::size_t values_ = 0;
};

}  // namespace

void CompactWriter::varint(std::uint64_t v) {
  while (v >= 0x80) {
    out_ += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out_ += static_cast<char>(v);
}

void CompactWriter::fieldHeader(std::int16_t id, Type type) {
  const int delta = id - lastId_.back();
  if (delta > 0 && delta <= 15) {
    out_ += static_cast<char>((delta << 4) | type);
  } else {
    out_ += static_cast<char>(type);
    varint(zigzag(id));
  }
  lastId_.back() = id;
}

void CompactWriter::i32(std::int16_t id, std::int32_t v) {
  fieldHeader(id, kI32);
  varint(zigzag(v));
}
void CompactWriter::i64(std::int16_t id, std::int64_t v) {
  fieldHeader(id, kI64);
  varint(zigzag(v));
}
void CompactWriter::boolean(std::int16_t id, bool v) { fieldHeader(id, v ? kTrue : kFalse); }
void CompactWriter::byte(std::int16_t id, std::int8_t v) {
  fieldHeader(id, kByte);
  out_ += static_cast<char>(v);
}
void CompactWriter::binary(std::int16_t id, std::string_view bytes) {
  fieldHeader(id, kBinary);
  elementBinary(bytes);
}
void CompactWriter::beginStruct(std::int16_t id) {
  fieldHeader(id, kStruct);
  lastId_.push_back(0);
}
void CompactWriter::endStruct() {
  out_ += static_cast<char>(kStop);
  lastId_.pop_back();
}
void CompactWriter::beginList(std::int16_t id, Type element, std::size_t count) {
  fieldHeader(id, kList);
  if (count < 15) {
    out_ += static_cast<char>((count << 4) | element);
  } else {
    out_ += static_cast<char>(0xf0 | element);
    varint(count);
  }
}
void CompactWriter::elementI32(std::int32_t v) { varint(zigzag(v)); }
void CompactWriter::elementBinary(std::string_view bytes) {
  varint(bytes.size());
  out_.append(bytes);
}
void CompactWriter::beginElementStruct() { lastId_.push_back(0); }
std::string CompactWriter::finish() {
  out_ += static_cast<char>(kStop);
  return std::move(out_);
}

const Value* Value::field(std::int16_t fieldId) const {
  if (type != kStruct) return nullptr;
  for (const Value& value : elements)
    if (value.id == fieldId) return &value;
  return nullptr;
}
std::int64_t Value::fieldInt(std::int16_t fieldId, std::int64_t fallback) const {
  const Value* v = field(fieldId);
  return v ? v->integer : fallback;
}
std::string Value::fieldBytes(std::int16_t fieldId) const {
  const Value* v = field(fieldId);
  return v ? v->bytes : std::string();
}

Value readStruct(const std::uint8_t* data, std::size_t size, std::size_t* consumed,
                 const ReadLimits& limits) {
  Reader reader(data, size, limits);
  Value v = reader.readStructValue(0);
  if (consumed) *consumed = reader.consumed();
  return v;
}

}  // namespace strata::thrift
