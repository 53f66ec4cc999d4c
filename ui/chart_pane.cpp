#include "chart_pane.h"

#include <QChart>
#include <QMouseEvent>
#include <QWheelEvent>

namespace strata::ui {

ChartPane::ChartPane(QWidget* parent) : QChartView(new QChart, parent) {
  chart()->legend()->hide();
  chart()->setMargins({0, 0, 0, 0});
  chart()->setBackgroundRoundness(0);
  // The view paints the background: the chart's own background item lags behind resizes.
  chart()->setBackgroundVisible(false);
  setBackgroundBrush(Qt::white);
  setRenderHint(QPainter::Antialiasing, false);  // thousands of candles: crisp and fast
  setMouseTracking(true);
  setMinimumHeight(90);
  setRubberBand(QChartView::NoRubberBand);
}

int ChartPane::plotWidth() const { return std::max(1, width() - kLeftMargin - kRightMargin); }

void ChartPane::fixPlotArea() {
  chart()->setPlotArea(QRectF(kLeftMargin, kTopMargin, plotWidth(),
                              std::max(1, height() - kTopMargin - kBottomMargin)));
}

void ChartPane::resizeEvent(QResizeEvent* event) {
  QChartView::resizeEvent(event);
  fixPlotArea();
  emit resized();
}

double ChartPane::msAt(double x) const {
  return chart()->mapToValue(QPointF(x, kTopMargin + 1)).x();
}

void ChartPane::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps == 0) return;
  emit zoomRequested(msAt(event->position().x()), std::pow(0.8, steps));
  event->accept();
}

void ChartPane::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    dragging_ = true;
    lastDragX_ = event->position().x();
    setCursor(Qt::ClosedHandCursor);
  }
  event->accept();
}

void ChartPane::mouseMoveEvent(QMouseEvent* event) {
  const double x = event->position().x();
  if (dragging_) {
    emit panRequested(msAt(lastDragX_) - msAt(x));
    lastDragX_ = x;
  }
  emit hovered(msAt(x));
  event->accept();
}

void ChartPane::mouseReleaseEvent(QMouseEvent* event) {
  dragging_ = false;
  unsetCursor();
  event->accept();
}

void ChartPane::mouseDoubleClickEvent(QMouseEvent* event) {
  emit resetRequested();
  event->accept();
}

}  // namespace strata::ui
