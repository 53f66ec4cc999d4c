// Donchian channels on hand-checked bars, missing values, tiny inputs and bad windows.
#include "donchian.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class DonchianTest : public QObject {
  Q_OBJECT

 private slots:
  void channels_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("upper");
    QTest::addColumn<Series>("lower");
    QTest::addColumn<Series>("width");
    QTest::newRow("window 2") << 2 << Series{3, 5, 4, 6} << Series{1, 2, 0, 3} << Series{N, 5, 5, 6}
                              << Series{N, 1, 0, 0} << Series{N, 4.0 / 3, 2, 2};
    QTest::newRow("window 1: the bar itself") << 1 << Series{3, 5} << Series{1, 4} << Series{3, 5}
                                              << Series{1, 4} << Series{1, 1 / 4.5};
    QTest::newRow("missing high blanks its windows") << 2 << Series{3, N, 4, 6} << Series{1, 2, 0, 3}
        << Series{N, N, N, 6} << Series{N, 1, 0, 0} << Series{N, N, N, 2};
    QTest::newRow("inf low blanks its windows") << 2 << Series{3, 5, 4, 6} << Series{1, 2, -I, 3}
        << Series{N, 5, 5, 6} << Series{N, 1, N, N} << Series{N, 4.0 / 3, N, N};
    QTest::newRow("middle 0: width NaN") << 1 << Series{1, 2} << Series{-1, 0} << Series{1, 2}
                                         << Series{-1, 0} << Series{N, 2};
    QTest::newRow("window longer than n") << 3 << Series{3, 5} << Series{1, 2} << Series{N, N}
                                          << Series{N, N} << Series{N, N};
    QTest::newRow("one row") << 1 << Series{3} << Series{1} << Series{3} << Series{1} << Series{1};
    QTest::newRow("empty") << 3 << Series{} << Series{} << Series{} << Series{} << Series{};
    QTest::newRow("window 0 refused: NaN") << 0 << Series{3, 5} << Series{1, 2} << Series{N, N}
                                           << Series{N, N} << Series{N, N};
  }
  void channels() {
    QFETCH(int, window);
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, upper);
    QFETCH(Series, lower);
    QFETCH(Series, width);
    Series up(high.size(), kUnwritten), mid(high.size(), kUnwritten), down(high.size(), kUnwritten),
        w(high.size(), kUnwritten);
    indicators::donchian(high, low, window, up, mid, down);
    indicators::channelWidth(up, mid, down, w);
    STRATA_VERIFY_SERIES(up, upper);
    STRATA_VERIFY_SERIES(down, lower);
    Series middle(up.size());
    for (std::size_t i = 0; i < middle.size(); ++i) middle[i] = (upper[i] + lower[i]) / 2;
    STRATA_VERIFY_SERIES(mid, middle);
    STRATA_VERIFY_SERIES(w, width);
  }
};

QTEST_GUILESS_MAIN(DonchianTest)
#include "test_donchian.moc"
