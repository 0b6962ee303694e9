with

genre_yearly_metrics as (

    select * from {{ ref('genre_yearly_metrics') }}

),

final as (

    select
        genre_id,
        genre_name,
        release_year,
        movie_count,
        movies_with_revenue,
        total_revenue,
        total_revenue_real
    from genre_yearly_metrics

)

select * from final
