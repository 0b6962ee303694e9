{# The where clause that keeps, in an hourly run of a per-movie model, only the movies the run
    touched; nothing in a full build. #}
{% macro only_touched_movies() -%}
    {#- ref() outside the branch, so that dbt sees the dependency when it parses (a full
        build renders no where clause) and the model needs no depends_on comment -#}
    {%- set touched_movies = ref('int_movie_versions_touched') -%}
    {%- if is_incremental() -%}
        where movie_id in (select movie_id from {{ touched_movies }})
    {%- endif -%}
{%- endmacro %}
