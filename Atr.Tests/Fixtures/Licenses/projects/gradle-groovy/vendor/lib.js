!function(w){w.vendorLib={version:"2.1.0"}}(window);
