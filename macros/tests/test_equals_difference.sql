{# Generic test: a column equals minuend - subtrahend wherever both are known, and is NULL wherever
    either is not. #}
{% test equals_difference(model, column_name, minuend, subtrahend) %}

select * from {{ model }}
where
    (
        {{ minuend }} is not null and {{ subtrahend }} is not null
        and ({{ column_name }} is null or {{ column_name }} <> {{ minuend }} - {{ subtrahend }})
    )
    or (
        ({{ minuend }} is null or {{ subtrahend }} is null)
        and {{ column_name }} is not null
    )

{% endtest %}
