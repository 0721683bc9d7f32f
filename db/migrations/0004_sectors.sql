-- The retail-sales categories of the statistical bureau's 社会消费品零售总额 by commodity
-- (汽车类 … 粮油食品类), plus the service sectors the campaigns reach. Kept as data: an
-- admin can add a sector without a release.
INSERT INTO `sectors` (`code`, `name_zh`, `name_en`, `position`) VALUES
	('auto', '汽车类', 'Automobiles', 10),
	('appliances', '家用电器和音像器材类', 'Household appliances and AV equipment', 20),
	('telecom', '通讯器材类', 'Telecommunication equipment', 30),
	('petroleum', '石油及制品类', 'Petroleum and products', 40),
	('grain_food', '粮油食品类', 'Grain, oil and food', 50),
	('apparel', '服装鞋帽针纺织品类', 'Clothing, footwear, hats and textiles', 60),
	('catering', '餐饮', 'Catering', 70),
	('culture_tourism', '文化旅游', 'Culture and tourism', 80),
	('elderly_care', '养老服务', 'Elderly care services', 90),
	('other', '其他', 'Other', 100);
