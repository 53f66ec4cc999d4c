// The directional movement system on hand-checked bars (window 2), a flat series (TA-Lib's
// zeros), missing values restarting the warm-up, tiny inputs, a window below 2, and each output
// computed alone equal to the same output computed with the others.
#include "dmi.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

namespace {

using Outputs = std::vector<Series>;  // plus_dm, minus_dm, plus_di, minus_di, dx, adx, adxr

Outputs computeAll(const Series& high, const Series& low, const Series& close, int window) {
  Outputs out(7, Series(high.size(), kUnwritten));
  indicators::dmi(high, low, close, window, {out[0], out[1], out[2], out[3], out[4], out[5], out[6]});
  return out;
}

// Output k alone (every other output empty).
Series computeOne(const Series& high, const Series& low, const Series& close, int window, int k) {
  Series one(high.size(), kUnwritten);
  indicators::DmiOutputs out;
  kernels::Out* targets[] = {&out.plusDm, &out.minusDm, &out.plusDi, &out.minusDi, &out.dx, &out.adx, &out.adxr};
  *targets[k] = one;
  indicators::dmi(high, low, close, window, out);
  return one;
}

const char* const kNames[] = {"plus_dm", "minus_dm", "plus_di", "minus_di", "dx", "adx", "adxr"};

}  // namespace

Q_DECLARE_METATYPE(Outputs)

class DmiTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Outputs>("expected");
    // Moves (+DM, -DM, TR) from row 1: (1, 0, 1.5), (0, 0.5, 1.5), (1.5, 0, 2.5), (0, 0, 1).
    // Sums, window 2: row 1 the moves; then s = s / 2 + move.
    const Series high{10, 11, 10.5, 12, 11}, low{9, 9.5, 9, 10, 10.5}, close{9.5, 10.5, 9.5, 11.5, 11};
    QTest::newRow("window 2") << 2 << high << low << close
                              << Outputs{{N, 1, 0.5, 1.75, 0.875},
                                         {N, 0, 0.5, 0.25, 0.125},
                                         {N, N, 50 / 2.25, 175 / 3.625, 87.5 / 2.8125},
                                         {N, N, 50 / 2.25, 25 / 3.625, 12.5 / 2.8125},
                                         {N, N, 0, 75, 75},
                                         {N, N, N, 37.5, 56.25},
                                         {N, N, N, N, 46.875}};
    const Series flat(5, 5.0);
    QTest::newRow("flat: zero range gives TA-Lib's zeros")
        << 2 << flat << flat << flat
        << Outputs{{N, 0, 0, 0, 0}, {N, 0, 0, 0, 0}, {N, N, 0, 0, 0}, {N, N, 0, 0, 0},
                   {N, N, 0, 0, 0}, {N, N, N, 0, 0}, {N, N, N, N, 0}};
    // A flat start (no movement: DX 0, not counted) and then a move up: DX keeps 0 at row 2,
    // jumps to 100 at row 3; ADX's seed (0 + 100) / 2.
    QTest::newRow("no movement: DX keeps its value, ADX does not count it")
        << 2 << Series{5, 5, 5, 6} << Series{5, 5, 5, 5} << Series{5, 5, 5, 6}
        << Outputs{{N, 0, 0, 1}, {N, 0, 0, 0}, {N, N, 0, 100}, {N, N, 0, 0}, {N, N, 0, 100},
                   {N, N, N, 50}, {N, N, N, N}};
    // A missing close on row 2: rows 0-1 are a run of two bars (the DM sums only), row 2 is
    // NaN, and rows 3-4 start again (row 4's moves: the bars 3 -> 4 above).
    QTest::newRow("missing close restarts")
        << 2 << high << low << Series{9.5, 10.5, N, 11.5, 11}
        << Outputs{{N, 1, N, N, 0}, {N, 0, N, N, 0}, {N, N, N, N, N}, {N, N, N, N, N},
                   {N, N, N, N, N}, {N, N, N, N, N}, {N, N, N, N, N}};
    QTest::newRow("inf high restarts")
        << 2 << Series{10, 11, I, 12, 11} << low << close
        << Outputs{{N, 1, N, N, 0}, {N, 0, N, N, 0}, {N, N, N, N, N}, {N, N, N, N, N},
                   {N, N, N, N, N}, {N, N, N, N, N}, {N, N, N, N, N}};
    QTest::newRow("two rows") << 2 << Series{10, 11} << Series{9, 9.5} << Series{9.5, 10.5}
                              << Outputs{{N, 1}, {N, 0}, {N, N}, {N, N}, {N, N}, {N, N}, {N, N}};
    QTest::newRow("one row") << 2 << Series{10} << Series{9} << Series{9.5} << Outputs(7, Series{N});
    QTest::newRow("empty") << 2 << Series{} << Series{} << Series{} << Outputs(7, Series{});
    QTest::newRow("window 1 refused: NaN") << 1 << high << low << close << Outputs(7, Series(5, N));
    QTest::newRow("window 0 refused: NaN") << 0 << high << low << close << Outputs(7, Series(5, N));
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, close);
    QFETCH(Outputs, expected);
    const Outputs got = computeAll(high, low, close, window);
    for (int k = 0; k < 7; ++k) {
      const QString difference = compareSeries(got[k], expected[k]);
      QVERIFY2(difference.isEmpty(), qPrintable(QString::fromLatin1(kNames[k]) + QStringLiteral(": ") + difference));
      const QString alone = compareSeries(computeOne(high, low, close, window, k), expected[k]);
      QVERIFY2(alone.isEmpty(), qPrintable(QString::fromLatin1(kNames[k]) + QStringLiteral(" alone: ") + alone));
    }
  }
};

QTEST_GUILESS_MAIN(DmiTest)
#include "test_dmi.moc"
