export {
  CountryProfile,
  countryTerms,
  loadProfile,
  Profile,
  ProfileError,
  type ProfileLanguage,
  profilesDir,
} from './profile.ts';
