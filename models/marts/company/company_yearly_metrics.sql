{{ yearly_metrics('bridge_movie_company', 'dim_company', 'company_id', 'company_name') }}
