// The course's recurrent-networks project. So far the stock experiments:
//   E1   GOOG and AAPL closes → {SimpleRNN, GRU, LSTM}(512) → Dense head; 5 epochs and early stopping
//   E2   the LSTM trained with MSE vs with MAPE, Pearson r per stock
//   E3   Adam vs Adagrad vs RMSprop at 1e-3
//   E4   recurrent_dropout 0 / 0.01 / 0.05 / 0.2
//
// dotnet run -c Release --project samples/RecurrentProjects -- list
// dotnet run -c Release --project samples/RecurrentProjects -- run e1 [--quick] [--synthetic] [--data DIR] [--out DIR]
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.RecurrentProjects;

return SampleApp.Run(RecurrentProjectsSample.Name, RecurrentProjectsSample.Experiments, args);
