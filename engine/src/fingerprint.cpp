#include "strata/fingerprint.h"

#include <cstring>
#include <span>

namespace strata {
namespace {

// FNV-1a over 64-bit words, folded with a multiply-rotate so that it is fast on millions of
// values and sensitive to every bit and to order. Not cryptographic: it guards against stale
// data, not against an adversary.
struct Hasher {
  std::uint64_t state = 0xcbf29ce484222325ULL;
  void word(std::uint64_t w) {
    state ^= w;
    state *= 0x100000001b3ULL;
    state ^= state >> 29;
  }
  void doubles(std::span<const double> values) {
    for (double v : values) {
      std::uint64_t bits;
      std::memcpy(&bits, &v, sizeof bits);
      word(bits);
    }
    word(0x9e3779b97f4a7c15ULL);  // separates the columns
  }
};

}  // namespace

BarsFingerprint fingerprint(const Bars& bars) {
  BarsFingerprint f;
  f.count = bars.size();
  if (f.count == 0) return f;
  f.first = bars.timestamps.front();
  f.last = bars.timestamps.back();
  Hasher h;
  for (Timestamp t : bars.timestamps) h.word(static_cast<std::uint64_t>(t));
  for (const Eigen::VectorXd* c : {&bars.open, &bars.high, &bars.low, &bars.close, &bars.volume})
    h.doubles({c->data(), static_cast<std::size_t>(c->size())});
  f.checksum = h.state;
  return f;
}

QString BarsFingerprint::toString() const {
  return QStringLiteral("n=%1;first=%2;last=%3;sum=%4")
      .arg(count)
      .arg(first)
      .arg(last)
      .arg(checksum, 16, 16, QLatin1Char('0'));
}

}  // namespace strata
