window.menu = ["Home", "Download"];
