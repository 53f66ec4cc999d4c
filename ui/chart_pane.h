#pragma once
// One chart pane of the chart panel: a QChartView whose plot area has fixed margins (so the
// panes stacked below each other line up in x), and whose wheel, drag and hover are turned into
// requests on the shared time viewport instead of the chart zooming itself.
#include <QChartView>

namespace strata::ui {

class ChartPane : public QChartView {
  Q_OBJECT
 public:
  static constexpr int kLeftMargin = 84;
  static constexpr int kRightMargin = 34;  // room for the last date label
  static constexpr int kTopMargin = 12;  // half a label above the top tick
  static constexpr int kBottomMargin = 26;

  explicit ChartPane(QWidget* parent = nullptr);
  /// Width of the plot area in pixels: what the data is decimated to.
  int plotWidth() const;

 signals:
  void zoomRequested(double centerMs, double factor);  // factor < 1 zooms in
  void panRequested(double deltaMs);
  void hovered(double ms);
  void resetRequested();
  void resized();

 protected:
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;

 private:
  double msAt(double x) const;
  void fixPlotArea();
  bool dragging_ = false;
  double lastDragX_ = 0;
};

}  // namespace strata::ui
