export {
  createFakeHeadroom,
  type FakeCall,
  type FakeHeadroom,
  type FakeHeadroomState,
} from './create-fake-headroom.ts';
