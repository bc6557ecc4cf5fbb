using DeepSeq.Data.TimeSeries;

namespace DeepSeq.Data.DataSets;

/// <summary>
/// SYNTHETIC stand-ins for the weather tables: smooth seeded series (a yearly and a daily cycle plus slowly wandering
/// noise) in exactly the columns of <see cref="BeijingPm25.Load"/> and <see cref="JenaClimate.Load"/>. Not real
/// weather; they let a forecasting sample run, and its numbers mean nothing about the real data.
/// </summary>
/// <remarks>
/// The wandering part of each series is an AR(1) process, <c>z[t] = φ·z[t−1] + σ·ε[t]</c> with φ close to 1, so
/// neighbouring steps stay close (smooth) while the series still drifts. Derived columns (dew point below the
/// temperature, vapour pressures, density) are computed from the generated ones, so the columns hang together.
/// The same seed gives the same table; <see cref="WeatherTable.Source"/> says <c>SYNTHETIC</c>.
/// </remarks>
public static class SyntheticWeather
{
    /// <summary>Hourly rows from 2010-01-01 00:00 in <see cref="BeijingPm25.Columns"/>.</summary>
    public static WeatherTable Beijing(int rows, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var random = new Random(seed);
        var start = new DateTime(2010, 1, 1, 0, 0, 0);
        var timestamps = new DateTime[rows];
        var values = new float[rows, BeijingPm25.Columns.Count];
        double tempNoise = 0, dewNoise = 0, presNoise = 0, pmNoise = 0, wind = 0;
        int direction = 0;
        for (int r = 0; r < rows; r++)
        {
            timestamps[r] = start.AddHours(r);
            double day = r / 24.0, hour = r % 24;
            tempNoise = Ar(tempNoise, 0.98, 0.4, random);
            dewNoise = Ar(dewNoise, 0.98, 0.4, random);
            presNoise = Ar(presNoise, 0.99, 0.3, random);
            pmNoise = Ar(pmNoise, 0.97, 0.15, random);
            // a new wind direction restarts Iws, as in the file
            if (random.NextDouble() < 0.05) { direction = random.Next(4); wind = 0; }
            wind += 0.5 + 2 * random.NextDouble();

            double temp = 12 - 15 * Math.Cos(2 * Math.PI * day / 365.25) + 5 * Math.Sin(2 * Math.PI * (hour - 9) / 24)
                + tempNoise;
            double dew = temp - 8 - Math.Abs(dewNoise) * 3;
            values[r, 0] = (float)(80 * Math.Exp(pmNoise));          // pm2.5 > 0, log-normal-ish
            values[r, 1] = (float)dew;                               // DEWP
            values[r, 2] = (float)temp;                              // TEMP
            values[r, 3] = (float)(1016 - 0.5 * (temp - 12) + presNoise * 3);   // PRES
            values[r, 4] = (float)wind;                              // Iws
            values[r, 5] = 0;                                        // Is
            values[r, 6] = 0;                                        // Ir
            values[r, 7 + direction] = 1;                            // cbwd one-hot
        }
        return new WeatherTable($"SYNTHETIC Beijing PM2.5 (seed {seed})", BeijingPm25.Columns, timestamps, values);
    }

    /// <summary>Rows every 10 minutes from 2009-01-01 00:10 in the 14 columns of
    /// <see cref="JenaClimate.Load"/>.</summary>
    public static WeatherTable Jena(int rows, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var random = new Random(seed);
        var start = new DateTime(2009, 1, 1, 0, 10, 0);
        var timestamps = new DateTime[rows];
        var values = new float[rows, JenaClimate.Header.Count - 1];
        double tempNoise = 0, presNoise = 0, rhNoise = 0, windNoise = 0, dirNoise = 0;
        for (int r = 0; r < rows; r++)
        {
            timestamps[r] = start.AddMinutes(10 * r);
            double day = r / 144.0, hour = r % 144 / 6.0;
            tempNoise = Ar(tempNoise, 0.995, 0.15, random);
            presNoise = Ar(presNoise, 0.998, 0.1, random);
            rhNoise = Ar(rhNoise, 0.99, 0.5, random);
            windNoise = Ar(windNoise, 0.98, 0.1, random);
            dirNoise = Ar(dirNoise, 0.99, 3, random);

            double t = 9 - 10 * Math.Cos(2 * Math.PI * day / 365.25) + 4 * Math.Sin(2 * Math.PI * (hour - 9) / 24)
                + tempNoise;
            double p = 989 + presNoise * 5;
            double rh = Math.Clamp(75 - 15 * Math.Sin(2 * Math.PI * (hour - 9) / 24) + rhNoise * 5, 10, 100);
            double vpMax = 6.1078 * Math.Exp(17.27 * t / (t + 237.3));   // saturation vapour pressure (Magnus), mbar
            double vpAct = rh / 100 * vpMax;
            double lnRatio = Math.Log(vpAct / 6.1078);
            double tDew = 237.3 * lnRatio / (17.27 - lnRatio);          // the Magnus formula solved for temperature
            double wv = Math.Max(0, 2 + windNoise * 3);
            double[] row =
            [
                p,                                         // p (mbar)
                t,                                         // T (degC)
                // Tpot (K): ≈ T + 273.15 + 9.76 K per 100 mbar below 1000 mbar
                t + 273.15 + 0.0976 * (1000 - p),
                tDew,                                      // Tdew (degC)
                rh,                                        // rh (%)
                vpMax, vpAct, vpMax - vpAct,               // VPmax, VPact, VPdef (mbar)
                622 * vpAct / (p - 0.378 * vpAct),         // sh (g/kg)
                1000 * vpAct / p,                          // H2OC (mmol/mol)
                100 * p / (287.05 * (t + 273.15)) * 1000,  // rho (g/m**3): p / (R·T)
                wv, wv * 1.6,                              // wv, max. wv (m/s)
                ((200 + dirNoise) % 360 + 360) % 360,      // wd (deg)
            ];
            for (int c = 0; c < row.Length; c++) values[r, c] = (float)row[c];
        }
        return new WeatherTable(
            $"SYNTHETIC Jena climate (seed {seed})", [.. JenaClimate.Header.Skip(1)], timestamps, values);
    }

    /// <summary>One step of an AR(1) process with a uniform shock: <c>φ·z + σ·(2u − 1)</c>.</summary>
    private static double Ar(double z, double phi, double sigma, Random random)
        => phi * z + sigma * (2 * random.NextDouble() - 1);
}
