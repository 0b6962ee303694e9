{# A raw money text as decimal(38, 2) when it is a decimal number that rounds to at least 0.01 and
    at most 10^18; NULL (unknown) otherwise: 0, empty, negative, text, nan, inf, beyond 10^18. #}
{#- Read as a decimal, not a double, so every kept amount is exact to the cent. The bound
    keeps every sum exact: decimal(38, 2) holds 10^36 - 0.01, so a sum of amounts of at
    most 10^18 overflows only past 10^18 of them (100x the full file is 4.5 * 10^6
    records), and a profit or a sum restated in constant dollars (at most ~32 times)
    stays far inside it too (docs/modeling.md). -#}
{% macro known_amount(raw_text) -%}
    {{ return(adapter.dispatch('known_amount', 'movies')(raw_text)) }}
{%- endmacro %}

{% macro duckdb__known_amount(raw_text) -%}
    case
        when
            regexp_full_match(
                trim({{ raw_text }}), '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?'
            )
            and try_cast(trim({{ raw_text }}) as decimal(38, 2))
            between 0.01 and 1000000000000000000
            then try_cast(trim({{ raw_text }}) as decimal(38, 2))
    end
{%- endmacro %}

{# Spark: rlike finds a match anywhere, so the number is anchored with \A and \z (Java's $
   would also match before a final line break). #}
{% macro spark__known_amount(raw_text) -%}
    case
        when
            trim({{ raw_text }})
            rlike '\A[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?\z'
            and try_cast(trim({{ raw_text }}) as decimal(38, 2))
            between 0.01 and 1000000000000000000
            then try_cast(trim({{ raw_text }}) as decimal(38, 2))
    end
{%- endmacro %}
