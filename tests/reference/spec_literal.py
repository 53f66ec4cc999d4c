"""The feature engineering guide's code, verbatim, as a cross-check of reference.py.

The methods below are copied character for character from the guide's Python blocks (the
external guide that docs/spec.md restates; only indented into a class). reference.py
re-implements the same steps with Strata's options; make_cases.py runs both on the cases where
Strata's options coincide with the original spec (sma smoothing, ddof 1, transformations on every
numeric column or on the base columns, seed_compat target, min-max fit on all rows, inf policy
"spec") and requires identical results: NaN where NaN, the same bits elsewhere.

What the guide leaves out and this driver supplies: _load_raw_data (a DataFrame of
open/high/low/close/volume), the order of the steps (indicators in config order, then
microstructure, transformations in config order, target, normalisation of every column but the
target, as the guide's data-flow diagram says), and apply_to "base", which the guide does not
have: there the driver hands each transformation a frame holding only the base columns and
copies the new columns back.
"""
from typing import Dict

import numpy as np
import pandas as pd


class SpecFeatureEngineer:
    def _calculate_rsi(self, df: pd.DataFrame, config: Dict) -> pd.DataFrame:
        window = config.get('parameters', {}).get('window', 14)

        # Calculate price changes
        delta = df['close'].diff()

        # Create gain and loss series
        gain = delta.copy()
        loss = delta.copy()
        gain[gain < 0] = 0
        loss[loss > 0] = 0
        loss = abs(loss)

        # Calculate average gain and loss
        avg_gain = gain.rolling(window=window).mean()
        avg_loss = loss.rolling(window=window).mean()

        # Calculate RS and RSI
        rs = avg_gain / avg_loss
        rsi = 100 - (100 / (1 + rs))

        # Add to DataFrame
        df['rsi'] = rsi

        return df

    def _calculate_macd(self, df: pd.DataFrame, config: Dict) -> pd.DataFrame:
        fast_period = config.get('parameters', {}).get('fast_period', 12)
        slow_period = config.get('parameters', {}).get('slow_period', 26)
        signal_period = config.get('parameters', {}).get('signal_period', 9)

        # Calculate EMAs
        ema_fast = df['close'].ewm(span=fast_period, adjust=False).mean()
        ema_slow = df['close'].ewm(span=slow_period, adjust=False).mean()

        # Calculate MACD and signal line
        macd = ema_fast - ema_slow
        signal = macd.ewm(span=signal_period, adjust=False).mean()
        histogram = macd - signal

        # Add to DataFrame
        df['macd'] = macd
        df['macd_signal'] = signal
        df['macd_histogram'] = histogram

        return df

    def _calculate_bollinger_bands(self, df: pd.DataFrame, config: Dict) -> pd.DataFrame:
        window = config.get('parameters', {}).get('window', 20)
        num_std_dev = config.get('parameters', {}).get('num_std_dev', 2)

        # Calculate middle band (SMA)
        middle_band = df['close'].rolling(window=window).mean()

        # Calculate standard deviation
        std_dev = df['close'].rolling(window=window).std()

        # Calculate upper and lower bands
        upper_band = middle_band + (std_dev * num_std_dev)
        lower_band = middle_band - (std_dev * num_std_dev)

        # Calculate bandwidth and %B
        bandwidth = (upper_band - lower_band) / middle_band
        percent_b = (df['close'] - lower_band) / (upper_band - lower_band)

        # Add to DataFrame
        df['bb_upper'] = upper_band
        df['bb_middle'] = middle_band
        df['bb_lower'] = lower_band
        df['bb_bandwidth'] = bandwidth
        df['bb_percent_b'] = percent_b

        return df

    def _calculate_atr(self, df: pd.DataFrame, config: Dict) -> pd.DataFrame:
        window = config.get('parameters', {}).get('window', 14)

        # Calculate true range
        high_low = df['high'] - df['low']
        high_close = abs(df['high'] - df['close'].shift())
        low_close = abs(df['low'] - df['close'].shift())

        true_range = pd.concat([high_low, high_close, low_close], axis=1).max(axis=1)

        # Calculate ATR
        atr = true_range.rolling(window=window).mean()

        # Add to DataFrame
        df['atr'] = atr

        return df

    def _calculate_obv(self, df: pd.DataFrame, config: Dict) -> pd.DataFrame:
        # Initialize OBV with zeros
        obv = np.zeros(len(df))

        # Calculate price changes
        price_changes = df['close'].diff().values

        # Calculate OBV
        for i in range(1, len(df)):
            if price_changes[i] > 0:  # Price went up
                obv[i] = obv[i-1] + df['volume'].iloc[i]
            elif price_changes[i] < 0:  # Price went down
                obv[i] = obv[i-1] - df['volume'].iloc[i]
            else:  # Price unchanged
                obv[i] = obv[i-1]

        # Add to DataFrame
        df['obv'] = obv

        return df

    def _generate_market_microstructure_features(self, df: pd.DataFrame, symbol: str) -> pd.DataFrame:
        # Calculate price volatility
        df['price_volatility'] = df['close'].pct_change().rolling(window=20).std()

        # Calculate volume volatility
        df['volume_volatility'] = df['volume'].pct_change().rolling(window=20).std()

        # Calculate price-volume correlation
        df['price_volume_corr'] = df['close'].pct_change().rolling(window=20).corr(df['volume'].pct_change())

        # Calculate price acceleration (second derivative of price)
        df['price_acceleration'] = df['close'].pct_change().diff()

        # Calculate volume acceleration
        df['volume_acceleration'] = df['volume'].pct_change().diff()

        # Calculate price range relative to volatility
        df['range_volatility_ratio'] = (df['high'] - df['low']) / (df['close'].rolling(window=20).std() * df['close'])

        # Calculate volume surprise (volume relative to recent average)
        df['volume_surprise'] = df['volume'] / df['volume'].rolling(window=20).mean() - 1

        # Calculate price gap (overnight gap)
        df['price_gap'] = df['open'] / df['close'].shift(1) - 1

        # Calculate volume gap
        df['volume_gap'] = df['volume'] / df['volume'].shift(1) - 1

        # Calculate price trend strength
        df['trend_strength'] = df['close'].rolling(window=20).mean() / df['close'].rolling(window=50).mean() - 1

        return df

    def _apply_lag_transformation(self, df: pd.DataFrame, config: Dict) -> pd.DataFrame:
        periods = config.get('parameters', {}).get('periods', [1, 2, 3, 5, 10])

        # Get numeric columns (excluding target if it exists)
        numeric_cols = df.select_dtypes(include=[np.number]).columns.tolist()
        if 'target' in numeric_cols:
            numeric_cols.remove('target')

        # Create lagged features
        for col in numeric_cols:
            for period in periods:
                df[f"{col}_lag_{period}"] = df[col].shift(period)

        return df

    def _apply_diff_transformation(self, df: pd.DataFrame, config: Dict) -> pd.DataFrame:
        periods = config.get('parameters', {}).get('periods', [1, 2, 3])

        # Get numeric columns (excluding target if it exists)
        numeric_cols = df.select_dtypes(include=[np.number]).columns.tolist()
        if 'target' in numeric_cols:
            numeric_cols.remove('target')

        # Create differenced features
        for col in numeric_cols:
            for period in periods:
                df[f"{col}_diff_{period}"] = df[col].diff(period)

        return df

    def _apply_pct_change_transformation(self, df: pd.DataFrame, config: Dict) -> pd.DataFrame:
        periods = config.get('parameters', {}).get('periods', [1, 2, 3, 5, 10])

        # Get numeric columns (excluding target if it exists)
        numeric_cols = df.select_dtypes(include=[np.number]).columns.tolist()
        if 'target' in numeric_cols:
            numeric_cols.remove('target')

        # Create percentage change features
        for col in numeric_cols:
            for period in periods:
                df[f"{col}_pct_{period}"] = df[col].pct_change(period)

        return df

    def _apply_rolling_transformation(self, df: pd.DataFrame, config: Dict) -> pd.DataFrame:
        windows = config.get('parameters', {}).get('windows', [5, 10, 20])
        functions = config.get('parameters', {}).get('functions', ['mean', 'std', 'min', 'max'])

        # Get numeric columns (excluding target if it exists)
        numeric_cols = df.select_dtypes(include=[np.number]).columns.tolist()
        if 'target' in numeric_cols:
            numeric_cols.remove('target')

        # Create rolling window features
        for col in numeric_cols:
            for window in windows:
                for func in functions:
                    if func == 'mean':
                        df[f"{col}_roll_{window}_mean"] = df[col].rolling(window=window).mean()
                    elif func == 'std':
                        df[f"{col}_roll_{window}_std"] = df[col].rolling(window=window).std()
                    elif func == 'min':
                        df[f"{col}_roll_{window}_min"] = df[col].rolling(window=window).min()
                    elif func == 'max':
                        df[f"{col}_roll_{window}_max"] = df[col].rolling(window=window).max()

        return df

    def _apply_crossover_transformation(self, df: pd.DataFrame, config: Dict) -> pd.DataFrame:
        pairs = config.get('parameters', {}).get('pairs', [])

        # Create crossover features
        for pair in pairs:
            if len(pair) == 2 and all(col in df.columns for col in pair):
                col1, col2 = pair
                # Crossover: 1 if col1 crosses above col2, -1 if col1 crosses below col2, 0 otherwise
                df[f"{col1}_{col2}_crossover"] = np.where(
                    (df[col1] > df[col2]) & (df[col1].shift(1) <= df[col2].shift(1)),
                    1,
                    np.where(
                        (df[col1] < df[col2]) & (df[col1].shift(1) >= df[col2].shift(1)),
                        -1,
                        0
                    )
                )

        return df

    def _create_target_variable(self, df: pd.DataFrame) -> pd.DataFrame:
        # Calculate future returns (next day's return)
        df['future_return'] = df['close'].pct_change(1).shift(-1)

        # Create classification target (1 for positive return, 0 for negative return)
        df['target'] = np.where(df['future_return'] > 0, 1, 0)

        # Drop future_return column
        df = df.drop(['future_return'], axis=1)

        return df

    def _normalize_features(self, features: np.ndarray) -> np.ndarray:
        # Simple min-max normalization
        min_vals = np.nanmin(features, axis=0)
        max_vals = np.nanmax(features, axis=0)

        # Avoid division by zero
        range_vals = max_vals - min_vals
        range_vals[range_vals == 0] = 1

        normalized_features = (features - min_vals) / range_vals

        # Replace NaN values with 0
        normalized_features = np.nan_to_num(normalized_features)

        return normalized_features


SPEC_METHODS = {
    "rsi": "_calculate_rsi", "macd": "_calculate_macd", "bollinger": "_calculate_bollinger_bands",
    "atr": "_calculate_atr", "obv": "_calculate_obv",
    "lag": "_apply_lag_transformation", "diff": "_apply_diff_transformation",
    "pct_change": "_apply_pct_change_transformation", "rolling": "_apply_rolling_transformation",
    "crossover": "_apply_crossover_transformation",
}


def applicable(config):
    """True when every option in config is one the guide's code above has."""
    for step in config.get("indicators", []):
        p = step.get("params", {})
        if step.get("suffix") or p.get("smoothing", "sma") != "sma" or p.get("ddof", 1) != 1:
            return False
    for step in config.get("microstructure", []):
        p = step.get("params", {})
        if step.get("suffix") or p.get("window", 20) != 20 or p.get("trend_window", 50) != 50:
            return False
    for step in config.get("transformations", []):
        if step.get("suffix") or step.get("apply_to", "base") not in ("base", "all") or step["params"].get("ddof", 1) != 1:
            return False
    t, n = config.get("target", {}), config.get("normalization", {})
    return (t.get("horizon", 1) == 1 and n.get("method", "minmax") == "minmax"
            and n.get("fit", "all") == "all" and n.get("inf_policy", "spec") == "spec")


def run(bars, config):
    """Returns (column names, raw features, normalised features, target) by the guide's code."""
    import warnings
    warnings.simplefilter("ignore", pd.errors.PerformanceWarning)
    fe = SpecFeatureEngineer()
    df = bars[["open", "high", "low", "close", "volume"]].reset_index(drop=True).astype(float)
    with np.errstate(all="ignore"):
        for step in config.get("indicators", []):
            df = getattr(fe, SPEC_METHODS[step["plugin"]])(df, {"parameters": step.get("params", {})})
        for step in config.get("microstructure", []):
            df = fe._generate_market_microstructure_features(df, "SYMBOL")
        base = list(df.columns)
        for step in config.get("transformations", []):
            method = getattr(fe, SPEC_METHODS[step["plugin"]])
            cfg = {"parameters": step.get("params", {})}
            if step["plugin"] == "crossover" or step.get("apply_to", "base") == "all":
                df = method(df, cfg)
            else:
                part = method(df[base].copy(), cfg)
                new = part.drop(columns=base)
                df = pd.concat([df, new], axis=1)
        raw = df.to_numpy(dtype=float).copy()
        columns = list(df.columns)
        df = fe._create_target_variable(df)
        target = df["target"].to_numpy(dtype=float)
        normalized = fe._normalize_features(df.drop(columns=["target"]).to_numpy(dtype=float))
    return columns, raw, normalized, target
