// Remembers the light/dark choice in a cookie, so the server renders the next page in it from the first paint.
export function rememberTheme(mode) {
    const oneYear = 60 * 60 * 24 * 365;
    document.cookie = `atr-theme=${encodeURIComponent(mode)}; path=/; max-age=${oneYear}; samesite=lax`;
}
