namespace AdOrleans.Grains;
