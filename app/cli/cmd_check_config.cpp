// strata-cli check-config: a pipeline file checked before a run: every key and formula against
// the plugins' schemas (file:line:column, with a caret under a formula's offending token), then
// the no-look-ahead truncation check on every step as configured, formulas included.
#include "cli_common.h"
#include "data_source_cli.h"
#include "strata/pipeline.h"
#include "strata/pipeline_check.h"

namespace strata::cli {
namespace {

// The last --rows bars of --symbol at its native timeframe, or false after saying why.
bool symbolBars(const QCommandLineParser& parser, std::vector<LabelledBars>* extra, int* code) {
  const QString symbol = parser.value(QStringLiteral("symbol"));
  const std::shared_ptr<DataSource> source = dataSourceFrom(parser, code);
  if (!source) return false;
  try {
    const std::optional<SymbolInfo> info = source->symbolInfo(symbol);
    if (!info || !info->nativeTimeframe) {
      err() << "error: no bars of '" << symbol << "' in " << source->describe() << '\n';
      *code = kInvalidInput;
      return false;
    }
    extra->push_back({QStringLiteral("%1 %2").arg(symbol, info->nativeTimeframe->name()),
                      source->loadBars(symbol, *info->nativeTimeframe, {})});
    return true;
  } catch (const DataError& e) {
    err() << "error: " << e.what() << '\n';
    *code = exitCodeFor(e);
    return false;
  }
}

}  // namespace

int runCheckConfig(const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Check a pipeline file: every step, parameter and formula against the plugins (errors as\n"
      "file:line:column), then the no-look-ahead check on every step as configured, formulas\n"
      "included: rows 0..t computed from the first t+1 bars must equal the full run's, on seeded\n"
      "bars (clean, and with NaN and inf) and, with --symbol, on that symbol's last --rows bars.\n"
      "Exit 0 when it holds, 1 when a step looks ahead, 3 when the file is refused."));
  parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The pipeline YAML."));
  parser.addOptions({
      {QStringLiteral("seed"), QStringLiteral("Seed of the bars and cut points (default 1)."), QStringLiteral("N"), QStringLiteral("1")},
      {QStringLiteral("cuts"), QStringLiteral("Random cut points per input (default 20)."), QStringLiteral("N"), QStringLiteral("20")},
      {QStringLiteral("rows"), QStringLiteral("Bars per input (default 500)."), QStringLiteral("N"), QStringLiteral("500")},
      {QStringLiteral("symbol"), QStringLiteral("Also check on this symbol's bars."), QStringLiteral("SYMBOL")},
  });
  addDataSourceOptions(parser);
  addPluginOption(parser);
  int code = kOk;
  if (!parseCommand(parser, args, &code)) return code;
  if (parser.positionalArguments().size() != 1) {
    err() << "strata-cli check-config: give one pipeline file\n";
    return kUsage;
  }
  int seed = 1, cuts = 20, rows = 500;
  if (!numberOption(parser, QStringLiteral("seed"), 0, INT32_MAX, &seed, &code) ||
      !numberOption(parser, QStringLiteral("cuts"), 1, 10000, &cuts, &code) ||
      !numberOption(parser, QStringLiteral("rows"), 2, 1'000'000, &rows, &code))
    return code;
  PluginRegistry registry;
  loadPlugins(parser, registry, true);
  const QString file = parser.positionalArguments().front();
  std::vector<Diagnostic> diagnostics;
  std::optional<Pipeline> pipeline;
  if (const std::optional<PipelineConfig> config = PipelineConfig::fromFile(file, &diagnostics))
    pipeline = Pipeline::build(*config, registry, &diagnostics);
  if (!pipeline) {
    for (const Diagnostic& d : diagnostics) err() << "error: " << d.toString() << '\n';
    return kInvalidInput;
  }
  out() << file << ": valid, " << pipeline->steps().size() << " steps, " << pipeline->columnOrigins().size()
        << " columns\n";
  std::vector<LabelledBars> extra;
  if (parser.isSet(QStringLiteral("symbol")) && !symbolBars(parser, &extra, &code)) return code;
  PipelineCheckOptions options;
  options.seed = static_cast<std::uint64_t>(seed);
  options.cuts = cuts;
  options.rows = rows;
  const PipelineCheckReport report = checkPipelineTruncation(*pipeline, options, extra);
  out() << report.toText();
  out().flush();
  if (!report.error.isEmpty()) return kFailure;
  return report.passed() ? kOk : kFailure;
}

}  // namespace strata::cli
