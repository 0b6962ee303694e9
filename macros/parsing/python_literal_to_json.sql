{# Rewrite a Python literal (single-quoted strings, None/True/False) as JSON text; the result is
    not valid JSON when the literal is not, or when a string holds an escape
    python_string_is_decodable rejects. #}
{#- Grammar (Python's literal syntax, the subset the file writes):
        literal := list | dict | tuple | string | number | None | True | False
        list := '[' [literal (',' literal)* [',']] ']'    dict := '{' [string ':' literal, ...] '}'
        string := "'" chars "'" | '"' chars '"'    (chars with backslash escapes)
    In:  [{'id': 16, 'name': "Butcher's Run"}, None]
    Out: [{"id": 16, "name": "Butcher's Run"}, null] -#}
{% macro python_literal_to_json(literal) -%}
    {{ return(adapter.dispatch('python_literal_to_json', 'movies')(literal)) }}
{%- endmacro %}

{% macro duckdb__python_literal_to_json(literal) -%}
    case
        {# Fast path: with no double quote, backslash, bare word or control character,
           every single quote delimits a string, so swapping quote characters is exact
           (a control character inside a string must be escaped in JSON). #}
        when not regexp_matches({{ literal }}, '["\\\x00-\x1f]|None|True|False')
            then replace({{ literal }}, '''', '"')
        {# Quoted-name path: no backslash, bare word or control character, and every
           string holds no quote of its own kind nor a double quote when single-quoted
           (a name with an apostrophe is double-quoted). Outside the double-quoted
           strings every single quote delimits a string and is swapped; the double-quoted
           strings are kept as they are. #}
        when regexp_full_match(
            {{ literal }},
            '(?:[^''"\\\x00-\x1f]|''[^''"\\\x00-\x1f]*''|"[^"\\\x00-\x1f]*")*'
        )
        and not regexp_matches({{ literal }}, 'None|True|False')
            then array_to_string(
                list_transform(
                    regexp_extract_all({{ literal }}, '"[^"]*"|[^"]+'),
                    lambda piece: case
                        when piece[1] = '"' then piece else replace(piece, '''', '"')
                    end
                ),
                ''
            )
        else array_to_string(
            list_transform(
                regexp_extract_all(
                    {{ literal }},
                    '''(?:[^''\\]|(?s:\\.))*''|"(?:[^"\\]|(?s:\\.))*"|[^''"]+|(?s:.)'
                ),
                lambda token: case
                    when length(token) >= 2 and token[1] in ('''', '"') and token[-1] = token[1]
                        then case
                            when {{ python_string_is_decodable('token[2:-2]') }}
                                then to_json({{ python_string_unescape('token[2:-2]') }})::varchar
                            else '<invalid escape>'
                        end
                    when token[1] in ('''', '"') then token
                    {# Outside strings the only words of a valid literal are None, True and
                       False; a word glued to another stays invalid JSON once replaced. #}
                    else replace(
                        replace(replace(token, 'None', 'null'), 'True', 'true'), 'False', 'false'
                    )
                end
            ),
            ''
        )
    end
{%- endmacro %}

{# Spark: the same tokens and rules. The regexes are in Java syntax (\x27 is the single
   quote; possessive quantifiers keep long strings off the regex stack); a string is
   JSON-encoded by to_json of a one-element array, brackets removed. #}
{% macro spark__python_literal_to_json(literal) -%}
    {%- set string_body = 'substr(token, 2, length(token) - 2)' -%}
    case
        when not ({{ literal }} rlike '["\\\x00-\x1f]|None|True|False')
            then replace({{ literal }}, chr(39), '"')
        {# The quoted-name path. #}
        when {{ literal }} rlike (
            '\A(?:[^\x27"\\\x00-\x1f]|\x27[^\x27"\\\x00-\x1f]*+\x27|"[^"\\\x00-\x1f]*+")*+\z'
        )
            and not ({{ literal }} rlike 'None|True|False')
            then array_join(
                transform(
                    regexp_extract_all({{ literal }}, '"[^"]*+"|[^"]++', 0),
                    piece -> case
                        when left(piece, 1) = '"' then piece else replace(piece, chr(39), '"')
                    end
                ),
                ''
            )
        else array_join(
            transform(
                regexp_extract_all(
                    {{ literal }},
                    (
                        '\x27(?:[^\x27\\]++|(?s:\\.))*+\x27|"(?:[^"\\]++|(?s:\\.))*+"|'
                        || '[^\x27"]++|(?s:.)'
                    ),
                    0
                ),
                token -> case
                    when length(token) >= 2 and left(token, 1) in (chr(39), '"')
                        and right(token, 1) = left(token, 1)
                        then case
                            when {{ python_string_is_decodable(string_body) }}
                                then regexp_extract(
                                    to_json(array(
                                        {{ python_string_unescape(string_body) }}
                                    )),
                                    '(?s)^\[(.*)\]$',
                                    1
                                )
                            else '<invalid escape>'
                        end
                    when left(token, 1) in (chr(39), '"') then token
                    else replace(
                        replace(replace(token, 'None', 'null'), 'True', 'true'), 'False', 'false'
                    )
                end
            ),
            ''
        )
    end
{%- endmacro %}
