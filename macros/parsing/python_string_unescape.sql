{# Decode the body of a Python string literal (the text between its quotes) into the string it
    stands for. #}
{#- Grammar: body := (char | escape)*;  escape := backslash then one of n t r a b f v
    backslash quote, a line break, ooo (octal, 1-3 digits), xhh, uhhhh, Uhhhhhhhh.
    In: caf\xe9 \u00e9\n (as written between the quotes)    Out: café é and a line break -#}
{#- Python's escapes: \n \t \r \a \b \f \v, octal \ooo, \xhh, \uhhhh, \Uhhhhhhhh, an escaped
    backslash or quote, a backslash before a line break (removed); any other is kept as
    written, as Python keeps it. So is an escape python_string_is_decodable rejects (a
    code point beyond U+10FFFF or a surrogate): never an error; python_literal_to_json
    checks the body first. -#}
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
                    (
                        '\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\\[0-7]{1,3}|'
                        || '(?s:\\.)|[^\\]+|\\'
                    )
                ),
                lambda piece: case
                    when piece[1] <> '\' or length(piece) = 1 then piece
                    when piece[2] in ('x', 'u', 'U') and length(piece) > 3
                        and ('0x' || piece[3:])::bigint <= 1114111
                        and ('0x' || piece[3:])::bigint not between 55296 and 57343
                        then chr(('0x' || piece[3:])::bigint::integer)
                    when piece[2] between '0' and '7'
                        then chr(
                            lpad(piece[2:], 3, '0')[1]::integer * 64
                            + lpad(piece[2:], 3, '0')[2]::integer * 8
                            + lpad(piece[2:], 3, '0')[3]::integer
                        )
                    when piece[2] = chr(10) then ''
                    when piece[2] = 'a' then chr(7)
                    when piece[2] = 'b' then chr(8)
                    when piece[2] = 'f' then chr(12)
                    when piece[2] = 'v' then chr(11)
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
                    (
                        '\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\\[0-7]{1,3}|'
                        || '(?s:\\.)|[^\\]++|\\'
                    ),
                    0
                ),
                piece -> case
                    when left(piece, 1) <> chr(92) or length(piece) = 1 then piece
                    when substr(piece, 2, 1) in ('x', 'u', 'U') and length(piece) > 3
                        and cast(conv(substr(piece, 3), 16, 10) as bigint) <= 1114111
                        and cast(conv(substr(piece, 3), 16, 10) as bigint)
                        not between 55296 and 57343
                        then case
                            when substr(piece, 2, 1) = 'U'
                                then decode(unhex(substr(piece, 3)), 'UTF-32')
                            else decode(unhex(lpad(substr(piece, 3), 4, '0')), 'UTF-16BE')
                        end
                    when substr(piece, 2, 1) between '0' and '7'
                        then decode(unhex(lpad(conv(substr(piece, 2), 8, 16), 4, '0')), 'UTF-16BE')
                    when substr(piece, 2, 1) = chr(10) then ''
                    when substr(piece, 2, 1) = 'a' then chr(7)
                    when substr(piece, 2, 1) = 'b' then chr(8)
                    when substr(piece, 2, 1) = 'f' then chr(12)
                    when substr(piece, 2, 1) = 'v' then chr(11)
                    when substr(piece, 2, 1) = 'n' then chr(10)
                    when substr(piece, 2, 1) = 't' then chr(9)
                    when substr(piece, 2, 1) = 'r' then chr(13)
                    when substr(piece, 2, 1) in (chr(92), chr(39), '"') then substr(piece, 2, 1)
                    else piece
                end
            ),
            ''
        )
    end
{%- endmacro %}
