{# The list columns of movies_metadata.csv written as Python literals, each with the key that
    identifies its elements and whether that key must be an integer (ids) or a string (ISO
    codes). #}
{% macro list_literal_columns() -%}
    {{ return([
        {'name': 'genres', 'key': 'id', 'integer_key': true},
        {'name': 'production_companies', 'key': 'id', 'integer_key': true},
        {'name': 'production_countries', 'key': 'iso_3166_1', 'integer_key': false},
        {'name': 'spoken_languages', 'key': 'iso_639_1', 'integer_key': false},
        {'name': 'belongs_to_collection', 'key': 'id', 'integer_key': true},
    ]) }}
{%- endmacro %}
