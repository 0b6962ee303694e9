{# True when every escape in the body of a Python string literal stands for a character
    python_string_unescape can decode and the body holds no raw line break or NUL (Python rejects
    both); NULL when the body is NULL. #}
{#- Grammar accepted: body := (char but backslash, CR, LF, NUL | backslash then any but
    x u U N NUL | \xhh | \uhhhh outside D800-DFFF | \U0000hhhh .. \U0010hhhh)*.
    In: caf\xe9 -> true;  \U00110000 -> false;  \x4 -> false -#}
{#- Not decodable: \x, \u or \U without all its hex digits (Python rejects them too), a
    code point beyond U+10FFFF, a surrogate U+D800..U+DFFF (Python accepts it, but no
    UTF-8 text can hold it) and a named escape \N{...} (no name table in SQL). Written
    as the whole body: plain characters, or a backslash and anything but x/u/U/N, or a
    complete escape within range (RE2 has no look-around). bmp_non_surrogate is four hex
    digits of U+0000..U+FFFF outside the surrogates. -#}
{% macro python_string_is_decodable(body) -%}
    {{ return(adapter.dispatch('python_string_is_decodable', 'movies')(body)) }}
{%- endmacro %}

{% macro duckdb__python_string_is_decodable(body) -%}
    {%- set bmp_non_surrogate = '(?:[0-9a-cA-CefEF][0-9a-fA-F]{3}|[dD][0-7][0-9a-fA-F]{2})' -%}
    case
        -- no escape at all: only a raw line break or NUL can make the body invalid
        when strpos({{ body }}, '\') = 0 then not regexp_matches({{ body }}, '[\n\r\x00]')
        else regexp_full_match(
            {{ body }},
            (
                '(?:[^\\\n\r\x00]|\\[^xuUN\x00]|\\x[0-9a-fA-F]{2}|\\u{{ bmp_non_surrogate }}|'
                || '\\U(?:0000{{ bmp_non_surrogate }}|000[1-9a-fA-F][0-9a-fA-F]{4}|'
                || '0010[0-9a-fA-F]{4}))*'
            )
        )
    end
{%- endmacro %}

{# Spark: rlike finds a match anywhere, so the expression is anchored with \A and \z
   (Java's $ would also match before a final line break); possessive repeats (Java
   syntax) keep a long string off Java's regex stack. #}
{% macro spark__python_string_is_decodable(body) -%}
    {%- set bmp_non_surrogate = '(?:[0-9a-cA-CefEF][0-9a-fA-F]{3}|[dD][0-7][0-9a-fA-F]{2})' -%}
    (
        {{ body }} rlike
        (
            '\A(?:[^\\\n\r\x00]++|\\[^xuUN\x00]|\\x[0-9a-fA-F]{2}|\\u{{ bmp_non_surrogate }}|'
            || '\\U(?:0000{{ bmp_non_surrogate }}|000[1-9a-fA-F][0-9a-fA-F]{4}|'
            || '0010[0-9a-fA-F]{4}))*+\z'
        )
    )
{%- endmacro %}
