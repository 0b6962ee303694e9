{{ entity_dimension('production_countries', 'country_code', 'country_name', 'varchar') }}
