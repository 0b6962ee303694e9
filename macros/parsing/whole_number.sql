{# A raw numeric text, trimmed, as integer when it is a whole number with an optional sign; NULL
    otherwise (empty, a fraction, an exponent, text, beyond 32 bits). #}
{% macro whole_number(raw_text) -%}
    {{ return(adapter.dispatch('whole_number', 'movies')(raw_text)) }}
{%- endmacro %}

{% macro duckdb__whole_number(raw_text) -%}
    case
        when regexp_full_match(trim({{ raw_text }}), '[+-]?[0-9]+')
            then try_cast(trim({{ raw_text }}) as integer)
    end
{%- endmacro %}

{# Spark: rlike finds a match anywhere, so the number is anchored with \A and \z (Java's $
   would also match before a final line break). #}
{% macro spark__whole_number(raw_text) -%}
    case
        when trim({{ raw_text }}) rlike '\A[+-]?[0-9]+\z'
            then try_cast(trim({{ raw_text }}) as integer)
    end
{%- endmacro %}
