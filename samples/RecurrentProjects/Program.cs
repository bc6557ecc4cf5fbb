// The course's recurrent-networks project: stock prediction and character-level text generation.
//   E1   GOOG and AAPL closes → {SimpleRNN, GRU, LSTM}(512) → Dense head; 5 epochs and early stopping
//   E2   the LSTM trained with MSE vs with MAPE, Pearson r per stock
//   E3   Adam vs Adagrad vs RMSprop at 1e-3
//   E4   recurrent_dropout 0 / 0.01 / 0.05 / 0.2
//   E5   characters → Embedding → LSTM(1024) → Dense head; generation by argmax and temperature; saves the model
//   E6   E5 with the KL divergence and with binary focal cross-entropy
//   E7   E5 for 3 and 5 epochs; GRU(1024); Adam lr 0.1
//
// dotnet run -c Release --project samples/RecurrentProjects -- generate --prompt "romeo: " [--temperature 0.5]
// dotnet run -c Release --project samples/RecurrentProjects -- list
// dotnet run -c Release --project samples/RecurrentProjects -- run e1 [--quick] [--synthetic] [--data DIR] [--out DIR] [--corpus FILE]
//     [--variants gru,lr01] (E6/E7)
using DeepSeq.Samples.RecurrentProjects;

return RecurrentProjectsSample.Run(args);
