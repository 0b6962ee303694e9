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
