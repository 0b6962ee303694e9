{# Decode the body of a Python string literal (the text between its quotes) into the string it stands for. #}
{% macro python_string_unescape(body) -%}
    {{ return(adapter.dispatch('python_string_unescape', 'movies')(body)) }}
{%- endmacro %}

{% macro duckdb__python_string_unescape(body) -%}
    case
        when strpos({{ body }}, '\') = 0 then {{ body }}
        else array_to_string(
            list_transform(
                regexp_extract_all(
                    {{ body }},
                    '\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|(?s:\\.)|[^\\]+|\\'
                ),
                lambda piece: case
                    when piece[1] <> '\' or length(piece) = 1 then piece
                    when piece[2] in ('x', 'u', 'U') and length(piece) > 3
                        then chr(('0x' || piece[3:])::integer)
                    when piece[2] = 'n' then chr(10)
                    when piece[2] = 't' then chr(9)
                    when piece[2] = 'r' then chr(13)
                    when piece[2] in ('\', '''', '"') then piece[2]
                    else piece
                end
            ),
            ''
        )
    end
{%- endmacro %}

{# Spark: the same pieces (the regex in Java syntax); chr() is Latin-1 only,
   so a code point is decoded from its hex digits as UTF-16BE (\x, \u) or UTF-32 (\U). #}
{% macro spark__python_string_unescape(body) -%}
    case
        when instr({{ body }}, chr(92)) = 0 then {{ body }}
        else array_join(
            transform(
                regexp_extract_all(
                    {{ body }},
                    '\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|(?s:\\.)|[^\\]++|\\',
                    0
                ),
                piece -> case
                    when left(piece, 1) <> chr(92) or length(piece) = 1 then piece
                    when substr(piece, 2, 1) in ('x', 'u') and length(piece) > 3
                        then decode(unhex(lpad(substr(piece, 3), 4, '0')), 'UTF-16BE')
                    when substr(piece, 2, 1) = 'U' and length(piece) > 3
                        then decode(unhex(substr(piece, 3)), 'UTF-32')
                    when substr(piece, 2, 1) = 'n' then chr(10)
                    when substr(piece, 2, 1) = 't' then chr(9)
                    when substr(piece, 2, 1) = '' then chr(13)
                    when substr(piece, 2, 1) in (chr(92), chr(39), '"') then substr(piece, 2, 1)
                    else piece
                end
            ),
            ''
        )
    end
{%- endmacro %}
