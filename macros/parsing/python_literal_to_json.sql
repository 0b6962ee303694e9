{# Rewrite a Python literal (single-quoted strings, None/True/False) as JSON text; the result is not valid JSON when the literal is not. #}
{% macro python_literal_to_json(literal) -%}
    {{ return(adapter.dispatch('python_literal_to_json', 'movies')(literal)) }}
{%- endmacro %}

{% macro duckdb__python_literal_to_json(literal) -%}
    case
        {# Fast path: with no double quote, backslash or bare word, every single quote
           delimits a string, so swapping quote characters is exact. #}
        when not regexp_matches({{ literal }}, '["\\]|None|True|False')
            then replace({{ literal }}, '''', '"')
        else array_to_string(
            list_transform(
                regexp_extract_all(
                    {{ literal }},
                    '''(?:[^''\\]|(?s:\\.))*''|"(?:[^"\\]|(?s:\\.))*"|[^''"]+|(?s:.)'
                ),
                lambda token: case
                    when length(token) >= 2 and token[1] in ('''', '"') and token[-1] = token[1]
                        then to_json({{ python_string_unescape('token[2:-2]') }})::varchar
                    when token[1] in ('''', '"') then token
                    else regexp_replace(
                        regexp_replace(
                            regexp_replace(token, '\bNone\b', 'null', 'g'),
                            '\bTrue\b', 'true', 'g'
                        ),
                        '\bFalse\b', 'false', 'g'
                    )
                end
            ),
            ''
        )
    end
{%- endmacro %}
