#include "parquet_footer_check.h"

#include "parquet_format.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace strata::parquet {
namespace {

using thrift::Value;

[[noreturn]] void corrupt(const std::string& what) {
  throw std::runtime_error(what);
}

const Value& required(const Value& s, std::int16_t id, thrift::Type type, const std::string& what) {
  const Value* v = s.field(id);
  if (!v) corrupt(what + " is missing");
  if (v->type != type) corrupt(what + " is not of its type");
  return *v;
}

std::int64_t requiredCount(const Value& s, std::int16_t id, thrift::Type type,
                           const std::string& what) {
  const std::int64_t n = required(s, id, type, what).integer;
  if (n < 0) corrupt(what + " is negative (" + std::to_string(n) + ")");
  return n;
}

// A list of structs; an absent optional one is an empty list.
const std::vector<Value>& structList(const Value& s, std::int16_t id, const std::string& what,
                                     bool optional = false) {
  static const std::vector<Value> none;
  if (optional && !s.field(id)) return none;
  const Value& list = required(s, id, thrift::kList, what);
  for (const Value& element : list.elements)
    if (element.type != thrift::kStruct) corrupt(what + " holds something other than structs");
  return list.elements;
}

// The schema is a depth-first list in which each group says how many children follow; the
// number of leaf columns.
std::size_t checkSchema(const std::vector<Value>& elements) {
  if (elements.empty()) corrupt("the schema is empty");
  std::vector<std::int64_t> open;  // children still to come, per enclosing group
  std::size_t leaves = 0;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const std::string what = "schema element " + std::to_string(i);
    if (i > 0) {
      if (open.empty())
        corrupt("the schema lists " + std::to_string(elements.size()) +
                " elements, its tree only " + std::to_string(i));
      --open.back();
    }
    required(elements[i], kSchemaName, thrift::kBinary, what + "'s name");
    if (elements[i].field(kSchemaNumChildren)) {
      open.push_back(
          requiredCount(elements[i], kSchemaNumChildren, thrift::kI32, what + "'s child count"));
    } else {
      if (i == 0) corrupt("the schema's root is not a group");
      required(elements[i], kSchemaType, thrift::kI32, what + "'s type");
      ++leaves;
    }
    while (!open.empty() && open.back() == 0) open.pop_back();
  }
  if (!open.empty()) corrupt("the schema's groups announce more children than it lists");
  return leaves;
}

void checkChunk(const Value& chunk, const std::string& what, std::int64_t dataEnd) {
  const Value* meta = chunk.field(kChunkMeta);
  if (!meta && chunk.field(kChunkFilePath)) return;  // its pages are in another file
  if (!meta || meta->type != thrift::kStruct) corrupt(what + " has no column metadata");
  requiredCount(*meta, kMetaNumValues, thrift::kI64, what + "'s value count");
  std::int64_t start =
      requiredCount(*meta, kMetaDataPageOffset, thrift::kI64, what + "'s data page offset");
  if (meta->field(kMetaDictionaryPageOffset))
    start = std::min(start, requiredCount(*meta, kMetaDictionaryPageOffset, thrift::kI64,
                                          what + "'s dictionary page offset"));
  const std::int64_t size = requiredCount(*meta, kMetaCompressed, thrift::kI64, what + "'s size");
  if (start < static_cast<std::int64_t>(sizeof kMagic) || size > dataEnd - start)
    corrupt(what + "'s pages (" + std::to_string(size) + " bytes at " + std::to_string(start) +
            ") lie outside the data, bytes 4 to " + std::to_string(dataEnd));
}

}  // namespace

void checkFileMetaData(const Value& meta, std::int64_t dataEnd) {
  required(meta, kFileVersion, thrift::kI32, "the format version");
  const std::size_t columns = checkSchema(structList(meta, kFileSchema, "the schema"));
  const std::int64_t fileRows = requiredCount(meta, kFileNumRows, thrift::kI64, "the row count");
  std::int64_t rows = 0;
  const std::vector<Value>& groups = structList(meta, kFileRowGroups, "the row groups");
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string group = "row group " + std::to_string(g);
    const std::int64_t groupRows =
        requiredCount(groups[g], kGroupNumRows, thrift::kI64, group + "'s row count");
    requiredCount(groups[g], kGroupTotalBytes, thrift::kI64, group + "'s size");
    if (groupRows > std::numeric_limits<std::int64_t>::max() - rows)
      corrupt("the row groups' row counts overflow");
    rows += groupRows;
    const std::vector<Value>& chunks =
        structList(groups[g], kGroupColumns, group + "'s column chunks");
    if (chunks.size() != columns)
      corrupt(group + " has " + std::to_string(chunks.size()) + " column chunks for the schema's " +
              std::to_string(columns) + " columns");
    for (std::size_t c = 0; c < chunks.size(); ++c)
      checkChunk(chunks[c], group + ", column " + std::to_string(c), dataEnd);
  }
  if (rows != fileRows)
    corrupt("the row groups hold " + std::to_string(rows) + " rows, the file says " +
            std::to_string(fileRows));
  structList(meta, kFileKeyValues, "the key-value metadata", true);
  if (meta.field(kFileCreatedBy)) required(meta, kFileCreatedBy, thrift::kBinary, "created_by");
}

}  // namespace strata::parquet
