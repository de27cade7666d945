namespace AdOrleans.Gateway;
