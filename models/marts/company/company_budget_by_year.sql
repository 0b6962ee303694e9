{{
    select_columns_from(
        'company_yearly_metrics',
        ['company_id', 'company_name', 'release_year', 'movie_count', 'movies_with_budget', 'total_budget',
         to_constant_dollars('total_budget', 'release_year') ~ ' as total_budget_real'],
    )
}}
