// Chapter 6 of the book, text and sequences. So far one experiment (the rest come with the text-and-sequences issue):
//   B7   IMDB with Embedding(10000, 32) → LSTM(32) → Dense(1, sigmoid), maxlen 500, RMSprop, 10 epochs
//
// dotnet run -c Release --project samples/TextAndSequences -- list
// dotnet run -c Release --project samples/TextAndSequences -- run b7 [--quick] [--synthetic] [--data DIR] [--out DIR]
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.TextAndSequences;

return SampleApp.Run(TextAndSequencesSample.Name, TextAndSequencesSample.Experiments, args);
