{# The files the source reads, as a list of paths or globs: the command's (the environment variable
    MOVIES_METADATA_PATHS, a JSON list) when it is set, else the var movies_metadata_path. #}
{% macro movies_metadata_paths() -%}
    {#- The command passes what changes from run to run as environment variables, not as
        --vars: dbt parses the whole project again whenever --vars change, but when an
        environment variable changes, only the files that read it. The source's YAML
        (_movies__sources.yml), which cannot call a macro, reads the two the same way. -#}
    {%- set from_command = env_var('MOVIES_METADATA_PATHS', '') -%}
    {%- set paths = fromjson(from_command) if from_command else var('movies_metadata_path') -%}
    {{ return([paths] if paths is string else paths) }}
{%- endmacro %}
