// One format for the whole tree (`npm run format`; `npm run lint` checks it).
export default {
  printWidth: 160,
};
