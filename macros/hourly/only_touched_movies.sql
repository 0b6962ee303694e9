{# The where clause that keeps, in an hourly run of a per-movie model, only the movies the run touched; nothing in a full build. #}
{% macro only_touched_movies() -%}
    {%- if is_incremental() -%}
        where movie_id in (select movie_id from {{ ref('int_movie_versions_touched') }})
    {%- endif -%}
{%- endmacro %}
