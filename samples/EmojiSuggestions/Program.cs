// The cookbook's emoji-suggestions chapter (ch. 7), on the CrowdFlower emotion tweets as the stand-in for its
// emoji tweets:
//   C1   TF-IDF (top 50,000 words), 33 % test split: majority class, multinomial naive Bayes, linear SVM by SGD,
//        random forest, RBF SVC; micro precision
//   C2   what naive Bayes learned: the five most probable words of each class
//   C3   character CNN on one-hot characters (90/10 unshuffled split)      C4  multi-window char CNN, dropout 0 / 0.2
//   C5   word CNN on C6's vectors      C6  our word2vec (CBOW) on the tweets      C7  word LSTM
//   C8   agreement table of C3, C5, C7 on 100 test tweets      C9  their ensemble (Average), random batches
//
// dotnet run -c Release --project samples/EmojiSuggestions -- list
// dotnet run -c Release --project samples/EmojiSuggestions -- run c1 [--quick] [--synthetic] [--data DIR] [--out DIR]
//        [--emoji-csv FILE]   tweets of a user CSV (column text), labelled by their one emoji
using DeepSeq.Samples.EmojiSuggestions;

return EmojiSuggestionsSample.Run(args);
