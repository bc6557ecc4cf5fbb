Console.WriteLine("tour");
