// The homework on embeddings and CNNs, as five experiments:
//   D1   parameter counting with Summary(): the homework's Conv2D network, Embedding(1000, 256) on length-20 input
//   D2   word2vec from scratch on Reuters "crude": one-hot centre → Dense(2) → Dense(vocab, softmax), 2-D plot
//   D3   the MNIST CNN: three Conv2D + MaxPooling2D, Dense(128) → Dense(10), Adam, 15 epochs, test set as validation
//   D3F  the same network once on Fashion-MNIST
//   D4   Grad-CAM on D3's network for the first ten training images
//
// dotnet run -c Release --project samples/EmbeddingsAndCnn -- list
// dotnet run -c Release --project samples/EmbeddingsAndCnn -- run all [--quick] [--synthetic] [--data DIR] [--out DIR]
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.EmbeddingsAndCnn;

return SampleApp.Run(EmbeddingsAndCnnSample.Name, EmbeddingsAndCnnSample.Experiments, args);
