"""What the pictures show, as data: the network on rings by circle, the layers, the year."""
