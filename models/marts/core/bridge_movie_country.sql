{{ movie_bridge('production_countries', 'country_code', 'country_name', 'varchar') }}
