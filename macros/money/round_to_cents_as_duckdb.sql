{# Spark helper: a double rounded to cents as DuckDB's cast(round(x, 2) as decimal(38, 2)) gives
    them, to the cent. #}
{#- Input: any finite double. In: 157132694.815 (a double just below ...815)
    Out: 157132694.81, as DuckDB gives it (Spark's round(x, 2) gives .82). -#}
{#- DuckDB rounds x * 100 (a double) half away from zero, except that when that product
    is exactly a half it looks at the exact product of x and 100 (157132694.815 is a
    double just below it: .81, where Spark's round(x, 2), which rounds the shortest
    decimal form of x, gives .82). It then divides by 100, and its cast to decimal takes
    that double times 100 to the nearest whole number, exactly (Spark's cast goes through
    the shortest decimal form, which differs past 2^53). Here: the whole number of cents,
    the cast's cents, and those as a decimal in two exact parts of 2^32. The exact product
    at a tie |x| * 100 = m + 1/2 (so |x| < 2^53 / 100) is decided in whole numbers: for
    |x| >= 1, |x| = a + n / 2^52 with n whole; below 1, |x| = n / 2^62. The number is
    written out where it is used: Spark allows no let, and no subquery (such as the CPI
    lookups of to_constant_dollars) inside a lambda. -#}
{% macro round_to_cents_as_duckdb(number) -%}
    {%- set x = 'abs(cast(' ~ number ~ ' as double))' -%}
    {%- set tie_cents -%}
        case
            when {{ x }} >= 1 then
                cast(floor({{ x }}) as bigint) * 100
                + (
                    cast(({{ x }} - floor({{ x }})) * 4503599627370496 as bigint) * 100
                    + 2251799813685248
                ) div 4503599627370496
            else (
                cast(cast({{ x }} * 4611686018427387904 as bigint) as decimal(38, 0)) * 100
                + 2305843009213693952
            ) div 4611686018427387904
        end
    {%- endset -%}
    {%- set cast_cents -%}
        round(
            case
                when {{ x }} * 100 >= 9007199254740992 then {{ x }} * 100
                when {{ x }} * 100 - floor({{ x }} * 100) = 0.5 then double({{ tie_cents }})
                else round({{ x }} * 100, 0)
            end / 100 * 100,
            0
        )
    {%- endset -%}
    {%- set high_part = 'floor(' ~ cast_cents ~ ' / 4294967296)' -%}
    cast(
        case when cast({{ number }} as double) < 0 then -1 else 1 end
        * (
            cast({{ high_part }} as decimal(38, 0)) * 4294967296
            + cast({{ cast_cents }} - double({{ high_part }}) * 4294967296 as bigint)
        )
        / 100
        as decimal(38, 2)
    )
{%- endmacro %}
