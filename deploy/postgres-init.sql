-- Rasa's tracker store gets its own database next to the shop store.
CREATE DATABASE rasa_tracker OWNER shop;
