with

company_yearly_metrics as (

    select * from {{ ref('company_yearly_metrics') }}

),

final as (

    select
        company_id,
        company_name,
        release_year,
        movie_count,
        movies_with_popularity,
        avg_popularity
    from company_yearly_metrics

)

select * from final
