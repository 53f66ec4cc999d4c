#pragma once
// Whether a decoded footer is a whole, consistent Parquet FileMetaData. A wrong footer length
// makes the reader decode data pages as metadata, which can come out as a plausible struct of
// garbage; only a footer that passes is shown (inspect) or trusted (--config-from).
#include "thrift_compact.h"

#include <cstdint>

namespace strata::parquet {

/// Throws std::runtime_error saying what is wrong: a required field missing or of the wrong
/// type, a schema whose groups do not account for its elements, a row group whose column chunks
/// do not match the schema's columns or whose pages lie outside bytes [4, dataEnd) (dataEnd: where
/// the footer starts), row counts that do not add up.
void checkFileMetaData(const thrift::Value& meta, std::int64_t dataEnd);

}  // namespace strata::parquet
