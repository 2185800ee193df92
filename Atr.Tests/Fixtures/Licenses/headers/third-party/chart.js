/*!
 * Chartlet 0.3 - tiny charts
 *
 * Copyright (c) 2010 Lee Example (http://chartlet.example.org)
 * Licensed under the MIT (http://www.opensource.org/licenses/mit-license.php) license.
 */
var Chartlet = (function () {
    function bar(values) {
        return values.map(function (v) { return new Array(v + 1).join("#"); });
    }
    return { bar: bar };
})();
