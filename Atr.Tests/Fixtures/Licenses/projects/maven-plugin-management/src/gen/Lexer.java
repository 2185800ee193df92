// Made by the lexer generator from widget.lex.
public class Lexer {
    int state;
}
