#pragma once
// Numbers from the Parquet format's parquet.thrift that the writer and the footer reader share:
// enum values and the field ids of the structures we write and read.
#include <cstdint>

namespace strata::parquet {

inline constexpr char kMagic[4] = {'P', 'A', 'R', '1'};

enum PhysicalType : std::int32_t { kInt32 = 1, kInt64 = 2, kFloat = 4, kDouble = 5 };
enum Repetition : std::int32_t { kRequired = 0, kOptional = 1 };
enum ConvertedType : std::int32_t { kTimestampMicros = 10, kInt8Converted = 15 };
enum Encoding : std::int32_t { kPlain = 0, kRle = 3 };
enum Codec : std::int32_t { kUncompressed = 0, kSnappy = 1, kZstd = 6 };
enum PageType : std::int32_t { kDataPage = 0 };

// FileMetaData
inline constexpr std::int16_t kFileVersion = 1, kFileSchema = 2, kFileNumRows = 3,
                              kFileRowGroups = 4, kFileKeyValues = 5, kFileCreatedBy = 6,
                              kFileColumnOrders = 7;
// SchemaElement
inline constexpr std::int16_t kSchemaType = 1, kSchemaRepetition = 3, kSchemaName = 4,
                              kSchemaNumChildren = 5, kSchemaConverted = 6, kSchemaLogical = 10;
// LogicalType union members, and their fields
inline constexpr std::int16_t kLogicalTimestamp = 8, kLogicalInteger = 10;
inline constexpr std::int16_t kTimestampUtc = 1, kTimestampUnit = 2, kUnitMicros = 2;
inline constexpr std::int16_t kIntBitWidth = 1, kIntSigned = 2;
// RowGroup
inline constexpr std::int16_t kGroupColumns = 1, kGroupTotalBytes = 2, kGroupNumRows = 3,
                              kGroupFileOffset = 5, kGroupCompressedBytes = 6;
// ColumnChunk and ColumnMetaData
inline constexpr std::int16_t kChunkFilePath = 1, kChunkFileOffset = 2, kChunkMeta = 3;
inline constexpr std::int16_t kMetaType = 1, kMetaEncodings = 2, kMetaPath = 3, kMetaCodec = 4,
                              kMetaNumValues = 5, kMetaUncompressed = 6, kMetaCompressed = 7,
                              kMetaDataPageOffset = 9, kMetaDictionaryPageOffset = 11,
                              kMetaStatistics = 12;
// Statistics
inline constexpr std::int16_t kStatsMaxLegacy = 1, kStatsMinLegacy = 2, kStatsNullCount = 3,
                              kStatsMaxValue = 5, kStatsMinValue = 6;
// KeyValue
inline constexpr std::int16_t kKey = 1, kValue = 2;
// PageHeader and DataPageHeader
inline constexpr std::int16_t kPageType = 1, kPageUncompressed = 2, kPageCompressed = 3,
                              kPageDataHeader = 5;
inline constexpr std::int16_t kDataNumValues = 1, kDataEncoding = 2, kDataDefEncoding = 3,
                              kDataRepEncoding = 4;

}  // namespace strata::parquet
